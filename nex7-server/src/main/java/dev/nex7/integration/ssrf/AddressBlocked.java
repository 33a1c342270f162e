package dev.nex7.integration.ssrf;

import java.net.UnknownHostException;

/**
 * The guard refused a host or an address. It is an {@link UnknownHostException} because that is what
 * the HTTP client's name resolution may throw; to the client the host simply has no usable address.
 */
public class AddressBlocked extends UnknownHostException {

    public AddressBlocked(String message) {
        super(message);
    }
}
