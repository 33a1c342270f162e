package dev.nex7.workflow.collab;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The collaboration WebSocket endpoint. Its handshake carries no bearer token (browsers cannot send
 * one), so it has a security filter chain of its own, ahead of the API's, that lets the request through
 * to {@link CollabHandshake}, which checks the ticket and the role. Only the WebSocket path is matched;
 * the ticket endpoint stays under the API's bearer authentication.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class CollabConfiguration implements WebSocketConfigurer {

    static final String PATH = "/api/collab/workflows/*";

    private final CollabSocket socket;
    private final CollabHandshake handshake;

    CollabConfiguration(CollabSocket socket, CollabHandshake handshake) {
        this.socket = socket;
        this.handshake = handshake;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Same-origin only (Spring's default): a page elsewhere cannot open the socket even with a ticket.
        registry.addHandler(socket, PATH).addInterceptors(handshake);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain collabHandshakeSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(PATH)
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }
}
