package dev.nex7.integration.allowlist;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import dev.nex7.identity.UserId;
import dev.nex7.integration.IntegrationSettings;
import dev.nex7.integration.persistence.AllowedHosts;
import dev.nex7.integration.persistence.AllowedHosts.Row;
import dev.nex7.integration.ssrf.AllowedHost;
import dev.nex7.platform.InvalidRequest;

/**
 * The hosts outbound HTTP may reach although they are or resolve to blocked addresses: those in
 * {@code nex7.integration.allowed-hosts} plus those administrators add at run time. The guard reads
 * the list on every check from memory; the stored part is re-read after each change made here and
 * every {@code nex7.integration.allow-list-refresh}, for changes made on other instances.
 */
@Service
public class OutboundAllowList {

    /**
     * An entry as administrators see it; {@code id}, {@code createdBy} and {@code createdAt} are
     * {@code null} for configured entries.
     */
    public record Entry(UUID id, AllowedHost host, Source source, UserId createdBy, Instant createdAt) {
    }

    /** Where an entry comes from. */
    public enum Source { SETTINGS, ADMIN }

    private static final Logger log = LoggerFactory.getLogger(OutboundAllowList.class);
    private static final String KEY = "stored";

    private final List<AllowedHost> configured;
    private final AllowedHosts stored;
    private final Clock clock;
    private final LoadingCache<String, List<AllowedHost>> cache;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    OutboundAllowList(IntegrationSettings settings, AllowedHosts stored, Clock clock) {
        this.configured = settings.allowedHosts().stream().map(OutboundAllowList::configured).toList();
        this.stored = stored;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().refreshAfterWrite(settings.allowListRefresh()).build(key -> load());
    }

    /** Every entry in force, configured ones first. */
    public List<AllowedHost> hosts() {
        List<AllowedHost> hosts = new ArrayList<>(configured);
        hosts.addAll(cache.get(KEY));
        return hosts;
    }

    /** Every entry with where it comes from, configured ones first, then the oldest stored one. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        configured.forEach(host -> entries.add(new Entry(null, host, Source.SETTINGS, null, null)));
        for (Row row : stored.all()) {
            parse(row).ifPresent(host -> entries.add(new Entry(row.id(), host, Source.ADMIN, row.createdBy(),
                    row.createdAt())));
        }
        return entries;
    }

    /**
     * Opens a host for outbound HTTP.
     *
     * @throws InvalidRequest when {@code entry} is not a host or host:port
     * @throws AllowedHostExists when the same entry is configured or stored already
     */
    public Entry add(String entry, UserId by) {
        AllowedHost host;
        try {
            host = AllowedHost.parse(entry);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidRequest("entry", invalid.getMessage());
        }
        if (configured.contains(host)) {
            throw new AllowedHostExists(host.toString());
        }
        Row row = new Row(UUID.randomUUID(), host.toString(), by, clock.instant());
        if (!stored.insert(row)) {
            throw new AllowedHostExists(host.toString());
        }
        log.info("Outbound allow-list: {} opened by {}", host, by);
        changed();
        return new Entry(row.id(), host, Source.ADMIN, by, row.createdAt());
    }

    /**
     * Closes a host an administrator opened.
     *
     * @throws AllowedHostNotFound when there is no stored entry with this id
     */
    public void remove(UUID id, UserId by) {
        if (!stored.delete(id)) {
            throw new AllowedHostNotFound();
        }
        log.info("Outbound allow-list: entry {} removed by {}", id, by);
        changed();
    }

    /** Runs {@code listener} after every change made on this instance. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        cache.put(KEY, load());
        listeners.forEach(Runnable::run);
    }

    private List<AllowedHost> load() {
        try {
            return stored.all().stream().flatMap(row -> parse(row).stream()).toList();
        } catch (DataAccessException unavailable) {
            // Failing closed: without the stored entries fewer hosts are open, none more.
            log.warn("Outbound allow-list: stored entries could not be read; using the configured ones only",
                    unavailable);
            return List.of();
        }
    }

    private static Optional<AllowedHost> parse(Row row) {
        try {
            return Optional.of(AllowedHost.parse(row.entry()));
        } catch (IllegalArgumentException invalid) {
            log.warn("Outbound allow-list: ignoring stored entry {}: {}", row.id(), invalid.getMessage());
            return Optional.empty();
        }
    }

    private static AllowedHost configured(String entry) {
        try {
            return AllowedHost.parse(entry);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalStateException("nex7.integration.allowed-hosts: '" + entry + "' is not valid: "
                    + invalid.getMessage(), invalid);
        }
    }
}
