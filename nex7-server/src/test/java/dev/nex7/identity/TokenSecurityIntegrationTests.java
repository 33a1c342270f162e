package dev.nex7.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.nex7.identity.token.KeyRing;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;

class TokenSecurityIntegrationTests extends IntegrationTest {

    @Autowired
    KeyRing keyRing;

    @Autowired
    JdbcClient jdbc;

    @Test
    void accessTokenCarriesEveryRequiredClaim() throws Exception {
        Session user = newUser("Claims");

        SignedJWT jwt = SignedJWT.parse(user.accessToken());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getType().toString()).isEqualTo("at+jwt");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(keyRing.signingKey().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("nex7");
        assertThat(claims.getAudience()).containsExactly("nex7-api");
        assertThat(claims.getSubject()).isEqualTo(user.id().toString());
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void jwksPublishesTheVerifyingKeyWithoutItsPrivatePart() {
        Response jwks = api.get("/.well-known/jwks.json").send();

        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().path("keys").get(0).path("kid").asString()).isEqualTo(keyRing.signingKey().getKeyID());
        assertThat(jwks.json().path("keys").get(0).has("d")).isFalse();
        assertThat(jwks.json().path("keys").get(0).path("alg").asString()).isEqualTo("ES256");
    }

    @Test
    void aValidlySignedTokenPasses() throws Exception {
        Session user = newUser("Baseline");
        assertThat(status(forge(user, c -> { }, h -> { }))).isEqualTo(200);
    }

    @Test
    void wrongAudienceIssuerTypeOrUseAreRefused() throws Exception {
        Session user = newUser("Forger");

        assertThat(status(forge(user, c -> c.audience("someone-else"), h -> { }))).isEqualTo(401);
        assertThat(status(forge(user, c -> c.issuer("https://evil.example"), h -> { }))).isEqualTo(401);
        assertThat(status(forge(user, c -> c.claim("token_use", "refresh"), h -> { }))).isEqualTo(401);
        assertThat(status(forge(user, c -> { }, h -> h.type(JOSEObjectType.JWT)))).isEqualTo(401);
        assertThat(status(forge(user, c -> c.subject(UUID.randomUUID().toString()), h -> { })))
                .as("an account that does not exist").isEqualTo(401);
    }

    @Test
    void expiredTokensAreRefused() {
        Session user = newUser("Expiring");

        clock.advance(Duration.ofMinutes(15).plusSeconds(31));
        Response expired = api.get("/api/me").token(user.accessToken()).send();

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(expired.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void tamperedTokensAreRefused() {
        Session user = newUser("Tamper");
        String[] parts = user.accessToken().split("\\.");
        String otherSubject = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(user.id().toString(), UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8));

        assertThat(status(parts[0] + "." + otherSubject + "." + parts[2])).isEqualTo(401);
        assertThat(status(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA"))
                .isEqualTo(401);
        assertThat(status("not.a.jwt")).isEqualTo(401);
    }

    @Test
    void unsignedAlgNoneTokensAreRefused() {
        Session user = newUser("None");
        String[] parts = user.accessToken().split("\\.");
        String noneHeader = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(status(noneHeader + "." + parts[1] + ".")).isEqualTo(401);
    }

    @Test
    void hmacTokensKeyedWithThePublicKeyAreRefused() throws Exception {
        Session user = newUser("Confused");
        byte[] publicKey = keyRing.signingKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
                .keyID(keyRing.signingKey().getKeyID()).build(), claims(user).build());
        jwt.sign(new MACSigner(publicKey));

        assertThat(status(jwt.serialize())).isEqualTo(401);
    }

    @Test
    void tokensSignedByAnUnknownKeyAreRefused() throws Exception {
        Session user = newUser("Stranger");
        ECKey foreign = new ECKeyGenerator(Curve.P_256).keyID(keyRing.signingKey().getKeyID()).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(foreign.getKeyID()).build(), claims(user).build());
        jwt.sign(new ECDSASigner(foreign));

        assertThat(status(jwt.serialize())).isEqualTo(401);
    }

    @Test
    void refreshRotatesTheTokenAndKillsTheOldOne() {
        Session user = newUser("Rotating");

        Response first = refresh(user.refreshToken());
        Response again = refresh(user.refreshToken());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("refreshToken").asString()).isNotEqualTo(user.refreshToken());
        assertThat(first.json().path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(first.json().path("expiresIn").asInt()).isEqualTo(900);
        assertThat(again.status()).isEqualTo(401);
    }

    @Test
    void refreshTokenReuseRevokesTheWholeFamily() {
        Session user = newUser("Stolen");
        String second = refresh(user.refreshToken()).json().path("refreshToken").asString();
        String third = refresh(second).json().path("refreshToken").asString();

        Response replay = refresh(user.refreshToken());
        Response descendant = refresh(third);

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.problemType()).isEqualTo("session-invalid");
        assertThat(descendant.status()).as("every descendant of the reused token is revoked").isEqualTo(401);
        assertThat(refresh(newLoginRefresh(user)).status()).as("other sign-ins are untouched").isEqualTo(200);
    }

    @Test
    void fiftyConcurrentRefreshesOfOneTokenGiveExactlyOneSuccess() throws Exception {
        Session user = newUser("Racer");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(() -> new Api(port).post("/api/auth/refresh")
                        .json(Api.map("refreshToken", user.refreshToken())).send());
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
            assertThat(answers).filteredOn(r -> r.status() == 200).hasSize(1);
            assertThat(answers).filteredOn(r -> r.status() == 401).hasSize(49);
            String winner = answers.stream().filter(r -> r.status() == 200).findFirst().orElseThrow().json()
                    .path("refreshToken").asString();
            assertThat(refresh(winner).status()).as("the losers presented a spent token: the family is revoked")
                    .isEqualTo(401);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logoutRevokesTheFamily() {
        Session user = newUser("Leaving");
        String next = refresh(user.refreshToken()).json().path("refreshToken").asString();

        Response logout = api.post("/api/auth/logout").json(Api.map("refreshToken", next)).send();

        assertThat(logout.status()).isEqualTo(204);
        assertThat(refresh(next).status()).isEqualTo(401);
    }

    @Test
    void aSignInEndsSevenDaysAfterItStartedWhateverTheRotations() {
        Session user = newUser("Marathon");
        clock.advance(Duration.ofDays(6));
        String next = refresh(user.refreshToken()).json().path("refreshToken").asString();

        clock.advance(Duration.ofDays(1).plusMinutes(1));

        assertThat(refresh(next).status()).isEqualTo(401);
    }

    @Test
    void refreshTokensAreStoredOnlyAsHashes() {
        Session user = newUser("Hashed");

        long raw = jdbc.sql("SELECT count(*) FROM identity_refresh_tokens WHERE token_hash = :t")
                .param("t", user.refreshToken()).query(Long.class).single();
        long hashed = jdbc.sql("SELECT count(*) FROM identity_refresh_tokens WHERE user_id = :u")
                .param("u", user.id()).query(Long.class).single();

        assertThat(raw).isZero();
        assertThat(hashed).isEqualTo(1);
    }

    @Test
    void browserSessionsUseAnHttpOnlyCookieGuardedByACsrfToken() {
        Session user = newUser("Browser");
        Response login = api.post("/api/auth/login").header("X-Refresh-Token-Transport", "cookie")
                .json(Api.map("email", user.email(), "password", PASSWORD)).send();

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("refreshToken").isNull()).isTrue();
        String refreshCookie = cookie(login, "nex7_refresh");
        String csrfCookie = cookie(login, "XSRF-TOKEN");
        assertThat(refreshCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/api/auth")
                .doesNotContain("Secure");
        assertThat(csrfCookie).doesNotContain("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        String refreshValue = value(refreshCookie);
        String csrfValue = value(csrfCookie);
        String cookies = "nex7_refresh=" + refreshValue + "; XSRF-TOKEN=" + csrfValue;

        Response withoutHeader = api.post("/api/auth/refresh").header("Cookie", cookies).json("{}").send();
        Response wrongHeader = api.post("/api/auth/refresh").header("Cookie", cookies)
                .header("X-XSRF-TOKEN", "guess").json("{}").send();
        Response withHeader = api.post("/api/auth/refresh").header("Cookie", cookies)
                .header("X-XSRF-TOKEN", csrfValue).header("X-Refresh-Token-Transport", "cookie").json("{}").send();

        assertThat(withoutHeader.status()).isEqualTo(403);
        assertThat(withoutHeader.problemType()).isEqualTo("csrf-token-invalid");
        assertThat(wrongHeader.status()).isEqualTo(403);
        assertThat(withHeader.status()).isEqualTo(200);
        assertThat(value(cookie(withHeader, "nex7_refresh"))).isNotEqualTo(refreshValue);
    }

    @Test
    void signingKeysRotateAndTheNewKeyIsPublished() throws Exception {
        String before = keyRing.signingKey().getKeyID();
        clock.advance(Duration.ofDays(31));
        Session user = newUser("Rotated");

        String after = SignedJWT.parse(user.accessToken()).getHeader().getKeyID();
        Response jwks = api.get("/.well-known/jwks.json").send();

        assertThat(after).isNotEqualTo(before);
        assertThat(jwks.text()).contains(after);
        assertThat(api.get("/api/me").token(user.accessToken()).send().status()).isEqualTo(200);
    }

    private String newLoginRefresh(Session user) {
        return login(user.email()).refreshToken();
    }

    private Response refresh(String token) {
        return api.post("/api/auth/refresh").json(Api.map("refreshToken", token)).send();
    }

    private int status(String token) {
        return api.get("/api/me").token(token).send().status();
    }

    private JWTClaimsSet.Builder claims(Session user) {
        Date now = Date.from(clock.instant());
        return new JWTClaimsSet.Builder().issuer("nex7").audience("nex7-api").subject(user.id().toString())
                .issueTime(now).expirationTime(Date.from(clock.instant().plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString()).claim("token_use", "access");
    }

    /** A token signed with NEX7's real key, with claims or header bent by the test. */
    private String forge(Session user, Consumer<JWTClaimsSet.Builder> claims, Consumer<JWSHeader.Builder> header)
            throws Exception {
        ECKey key = keyRing.signingKey();
        JWTClaimsSet.Builder c = claims(user);
        claims.accept(c);
        JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(new JOSEObjectType("at+jwt"));
        header.accept(h);
        SignedJWT jwt = new SignedJWT(h.build(), c.build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static String cookie(Response response, String name) {
        return response.headerValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }
}
