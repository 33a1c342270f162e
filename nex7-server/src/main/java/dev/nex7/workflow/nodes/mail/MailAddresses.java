package dev.nex7.workflow.nodes.mail;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Reads e-mail addresses the way a node's parameters hold them: a list of addresses, or one text
 * with addresses separated by commas. Each must be a single valid address ({@code a@example.com} or
 * {@code "Ann" <a@example.com>}); groups and line breaks are refused, so nothing in an address can
 * add a header.
 */
public final class MailAddresses {

    private MailAddresses() {
    }

    /**
     * Every address in {@code value}; {@code null} or blank is none.
     *
     * @throws IllegalArgumentException naming the address that is not valid
     */
    public static List<InternetAddress> parse(Object value) {
        List<InternetAddress> addresses = new ArrayList<>();
        if (value == null) {
            return addresses;
        }
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        for (Object item : items) {
            if (item == null) {
                continue;
            }
            if (!(item instanceof String text)) {
                throw new IllegalArgumentException("An address must be text, not " + item.getClass().getSimpleName());
            }
            if (text.isBlank()) {
                continue;
            }
            if (text.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new IllegalArgumentException("An address contains a line break");
            }
            try {
                for (InternetAddress address : InternetAddress.parse(text, true)) {
                    addresses.add(checked(address));
                }
            } catch (AddressException invalid) {
                throw new IllegalArgumentException("'" + text.strip() + "' is not a valid e-mail address");
            }
        }
        return addresses;
    }

    /**
     * Exactly one address.
     *
     * @throws IllegalArgumentException when {@code text} is not one valid address
     */
    public static InternetAddress one(String text) {
        List<InternetAddress> addresses = parse(text);
        if (addresses.size() != 1) {
            throw new IllegalArgumentException("'" + text + "' is not one e-mail address");
        }
        return addresses.getFirst();
    }

    private static InternetAddress checked(InternetAddress address) throws AddressException {
        if (address.isGroup()) {
            throw new AddressException("A group is not an address", address.toString());
        }
        address.validate();
        String domain = address.getAddress().substring(address.getAddress().lastIndexOf('@') + 1);
        if (domain.isEmpty() || !address.getAddress().contains("@")) {
            throw new AddressException("An address needs a domain", address.toString());
        }
        return address;
    }
}
