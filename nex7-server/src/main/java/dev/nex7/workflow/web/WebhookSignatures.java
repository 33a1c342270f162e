package dev.nex7.workflow.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.nex7.credential.CredentialId;
import dev.nex7.credential.CredentialKinds;
import dev.nex7.credential.CredentialUnavailable;
import dev.nex7.credential.CredentialVault;
import dev.nex7.platform.ApiProblem;
import dev.nex7.platform.Hmac;
import dev.nex7.plugin.node.Credential;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.Workflow;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Verifies a webhook's HMAC signature when its trigger has an HMAC credential: the signature header
 * (default {@code X-Signature-256}) must carry {@code sha256=<hex>} (or the bare hex) of the HMAC-SHA256
 * of the raw body under the credential's secret, the GitHub convention. Compared in constant time; a
 * missing, malformed or wrong signature, and a credential that cannot be opened, are all the same 401.
 */
@Component
class WebhookSignatures {

    private static final Logger log = LoggerFactory.getLogger(WebhookSignatures.class);

    private final CredentialVault vault;

    WebhookSignatures(CredentialVault vault) {
        this.vault = vault;
    }

    void verify(Workflow workflow, NodeDefinition trigger, HttpServletRequest request, byte[] body) {
        String credentialId = trigger.credentials().get("hmac");
        if (credentialId == null) {
            return;
        }
        String header = String.valueOf(trigger.parameters().getOrDefault("hmacHeader", "X-Signature-256"));
        String presented = request.getHeader(header);
        byte[] expected = expected(workflow, credentialId, body);
        byte[] given = presented == null ? null : decode(presented);
        if (expected == null || given == null || !MessageDigest.isEqual(expected, given)) {
            throw new SignatureRejected(header);
        }
    }

    private byte[] expected(Workflow workflow, String credentialId, byte[] body) {
        Credential credential;
        try {
            credential = vault.open(workflow.projectId(), CredentialId.parse(credentialId), List.of(CredentialKinds.HMAC));
        } catch (CredentialUnavailable | IllegalArgumentException unusable) {
            log.warn("Webhook of workflow {} refused a call: its HMAC credential cannot be used ({})", workflow.id(), unusable.getMessage());
            return null;
        }
        try {
            return Hmac.of(Hmac.SHA256, credential.fields().get("secret").getBytes(StandardCharsets.UTF_8), body);
        } catch (IllegalArgumentException | NullPointerException e) {
            log.warn("Webhook of workflow {} refused a call: its HMAC secret is unusable", workflow.id());
            return null;
        }
    }

    private static byte[] decode(String presented) {
        String hex = presented.strip();
        if (hex.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
            hex = hex.substring("sha256=".length());
        }
        try {
            return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    /** The request is not signed with the webhook's secret. */
    static final class SignatureRejected extends ApiProblem {
        SignatureRejected(String header) {
            super(HttpStatus.UNAUTHORIZED, "webhook-signature", "Signature rejected",
                    "The " + header + " header must carry sha256=<hex HMAC-SHA256 of the body> made with this webhook's secret.");
        }
    }
}
