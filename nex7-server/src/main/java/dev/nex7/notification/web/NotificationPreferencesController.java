package dev.nex7.notification.web;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.notification.NotificationKind;
import dev.nex7.notification.email.Emails;
import dev.nex7.notification.preference.Preference;
import dev.nex7.notification.preference.Preferences;
import dev.nex7.platform.ApiProblem.FieldError;
import dev.nex7.platform.InvalidRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The signed-in person's choice of what they hear about, and where. */
@RestController
@RequestMapping("/api/notifications/preferences")
@Tag(name = "Notifications")
class NotificationPreferencesController {

    @Schema(name = "NotificationPreferencesView")
    record PreferencesView(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "False when no SMTP server is configured: no email is sent")
            boolean emailConfigured,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<PreferenceView> kinds) {
    }

    @Schema(name = "NotificationPreferenceView")
    record PreferenceView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) NotificationKind kind,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean inApp,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean email) {
    }

    /** @param kinds the kinds to change; the others keep what they have */
    @Schema(name = "UpdateNotificationPreferencesRequest")
    record UpdateRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Change> kinds) {
    }

    @Schema(name = "NotificationPreferenceChange")
    record Change(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A notification kind's id") String kind,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Boolean inApp,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Boolean email) {
    }

    private final Preferences preferences;
    private final Emails emails;

    NotificationPreferencesController(Preferences preferences, Emails emails) {
        this.preferences = preferences;
        this.emails = emails;
    }

    @GetMapping
    @Operation(operationId = "getNotificationPreferences", summary = "What you hear about, in the app and by email, per kind of notification")
    PreferencesView get(@AuthenticationPrincipal AuthenticatedUser user) {
        return view(preferences.of(user.id()));
    }

    @PutMapping
    @Operation(operationId = "updateNotificationPreferences", summary = "Change what you hear about", description = "Kinds not in the request keep their settings.")
    @ApiResponse(responseCode = "200", description = "Your preferences, all kinds")
    @ApiResponse(responseCode = "400", description = "An unknown or repeated kind, or a missing channel")
    PreferencesView put(@AuthenticationPrincipal AuthenticatedUser user, @RequestBody UpdateRequest request) {
        return view(preferences.save(user.id(), choices(request)));
    }

    private static List<Preference> choices(UpdateRequest request) {
        if (request == null || request.kinds() == null) {
            throw new InvalidRequest("kinds", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        Map<NotificationKind, Preference> choices = new EnumMap<>(NotificationKind.class);
        for (int i = 0; i < request.kinds().size(); i++) {
            Change change = request.kinds().get(i);
            String field = "kinds[" + i + "]";
            NotificationKind kind = change == null ? null : Kinds.parse(change.kind());
            if (kind == null) {
                errors.add(new FieldError(field + ".kind", "must be one of " + Kinds.ALL));
            } else if (choices.containsKey(kind)) {
                errors.add(new FieldError(field + ".kind", "is given twice"));
            }
            if (change == null || change.inApp() == null) {
                errors.add(new FieldError(field + ".inApp", "is required"));
            }
            if (change == null || change.email() == null) {
                errors.add(new FieldError(field + ".email", "is required"));
            }
            if (errors.isEmpty()) {
                choices.put(kind, new Preference(kind, change.inApp(), change.email()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return List.copyOf(choices.values());
    }

    private PreferencesView view(List<Preference> all) {
        return new PreferencesView(emails.enabled(), all.stream()
                .map(preference -> new PreferenceView(preference.kind(), preference.kind().title(), preference.inApp(), preference.email()))
                .toList());
    }
}
