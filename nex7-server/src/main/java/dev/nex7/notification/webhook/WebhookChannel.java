package dev.nex7.notification.webhook;

import org.springframework.stereotype.Component;

import dev.nex7.notification.NotificationSettings;
import dev.nex7.notification.delivery.Attempt;
import dev.nex7.notification.delivery.Channel;
import dev.nex7.notification.delivery.Delivery;
import dev.nex7.notification.delivery.DeliveryChannel;

/**
 * Posts owed webhook calls to the project's webhook as it is configured when the call is made: a
 * URL changed since still gets the call, a removed or disabled webhook does not.
 */
@Component
class WebhookChannel implements DeliveryChannel {

    private final ProjectWebhooks webhooks;
    private final WebhookSender sender;
    private final NotificationSettings settings;

    WebhookChannel(ProjectWebhooks webhooks, WebhookSender sender, NotificationSettings settings) {
        this.webhooks = webhooks;
        this.sender = sender;
        this.settings = settings;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public int maxAttempts() {
        return settings.webhook().maxAttempts();
    }

    @Override
    public Attempt attempt(Delivery delivery) {
        return webhooks.target(delivery.projectId())
                .map(target -> target.enabled() ? sender.send(target.url(), target.secret(), delivery.id(), delivery.kind(), delivery.payload())
                        : Attempt.failed(null, "The webhook was disabled"))
                .orElseGet(() -> Attempt.failed(null, "The webhook was removed"));
    }
}
