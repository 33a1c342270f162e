package dev.nex7.workflow.web;

import org.springframework.stereotype.Component;

import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.Workflow;
import jakarta.servlet.http.HttpServletRequest;

/** Verifies a webhook's HMAC signature when its trigger has an HMAC credential. */
@Component
class WebhookSignatures {

    void verify(Workflow workflow, NodeDefinition trigger, HttpServletRequest request, byte[] body) {
        if (trigger.credentials().containsKey("hmac")) {
            // Wired to the credentials vault when it lands; until then an HMAC-protected webhook refuses every call.
            throw new WebhookController.MethodNotAccepted("signed");
        }
    }
}
