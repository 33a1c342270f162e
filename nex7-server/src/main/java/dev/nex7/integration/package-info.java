/**
 * Talking to the outside world: outbound HTTP behind one SSRF guard, and (later) the GitHub, Vercel
 * and email integrations built on it. Other modules call {@link dev.nex7.integration.OutboundHttp}
 * with an {@link dev.nex7.integration.OutboundRequest} and get an
 * {@link dev.nex7.integration.OutboundResponse} (or, from {@code open}, an
 * {@link dev.nex7.integration.OutboundStream} whose body is read as it arrives) or an
 * {@link dev.nex7.integration.OutboundHttpException} with a stable code; nothing in NEX7 opens an HTTP connection any other way.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Integration")
package dev.nex7.integration;
