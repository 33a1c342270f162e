/**
 * Who is who: accounts, passwords, roles, access and refresh tokens, the signing key ring. Other
 * modules use {@link dev.nex7.identity.UserId}, {@link dev.nex7.identity.UserDirectory} and
 * {@link dev.nex7.identity.AuthenticatedUser}, and listen to its events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package dev.nex7.identity;
