package dev.nex7.identity.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import java.util.Map;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import dev.nex7.identity.token.AccessTokens;
import dev.nex7.platform.web.ProblemWriter;

/**
 * Who may call what. Everything is closed unless listed here as public: the sign-up/sign-in/
 * refresh/sign-out endpoints, the JWKS document, health probes, the API description and the web
 * UI's static files; workflow webhooks, GitHub's deliveries and the MCP endpoint check their own credentials
 * (the token in the path, an HMAC signature, an MCP token). Metrics and {@code /api/admin/**} need the admin role; every other API call
 * needs a valid access token. Failures answer as Problem Details.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The MCP endpoint: its bearer tokens are MCP tokens, not access tokens. */
    private static final String MCP_PATH = "/mcp";
    private static final DefaultBearerTokenResolver bearerTokens = new DefaultBearerTokenResolver();

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, BearerAuthentication authentication,
            ProblemWriter problems) throws Exception {
        var entryPoint = new ProblemAuthenticationEntryPoint(problems);
        http.csrf(csrf -> csrf.disable()) // stateless bearer API; cookie endpoints check a CSRF token themselves
                .cors(cors -> cors.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data: https:; "
                                + "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; "
                                + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login", "/api/auth/refresh",
                                "/api/auth/logout").permitAll()
                        .requestMatchers(HttpMethod.GET, "/.well-known/jwks.json").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui",
                                "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        // Workflow webhooks: the secret token in the path is the credential (plus optional HMAC).
                        .requestMatchers("/webhook/*").permitAll()
                        // MCP: clients present an MCP token, which the endpoint itself checks on every call.
                        .requestMatchers(MCP_PATH).permitAll()
                        // GitHub's and Vercel's deliveries: HMAC-checked with the linked project's webhook secret.
                        .requestMatchers(HttpMethod.POST, "/api/webhooks/github", "/api/webhooks/vercel").permitAll()
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/**").hasRole("USER")
                        .requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(request -> MCP_PATH.equals(request.getRequestURI()) ? null : bearerTokens.resolve(request))
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, denied) -> problems.write(request, response,
                                HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "You do not have the role this action needs.")))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, denied) -> problems.write(request, response,
                                HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "You do not have the role this action needs.")));
        return http.build();
    }

    @Bean
    JwtDecoder jwtDecoder(AccessTokens tokens) {
        return tokens.decoder();
    }

    /** {@code admin} includes {@code user}, as {@link dev.nex7.identity.Role#includes} says. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_ADMIN > ROLE_USER");
    }

    /** Argon2id for new hashes; the delegating encoder still reads other ids should we ever migrate. */
    @Bean
    PasswordEncoder passwordEncoder() {
        String argon2 = "argon2@SpringSecurity_v5_8";
        return new DelegatingPasswordEncoder(argon2, Map.of(
                argon2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }
}
