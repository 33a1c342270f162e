package dev.nex7.identity.web;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.token.KeyRing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Publishes the public keys that verify NEX7 access tokens (RFC 7517). */
@RestController
@Tag(name = "Authentication")
@SecurityRequirements
class JwksController {

    private final KeyRing keyRing;

    JwksController(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = "application/json")
    @Operation(summary = "Public keys of the access-token key ring")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keyRing.publicKeys().toJSONObject(true));
    }
}
