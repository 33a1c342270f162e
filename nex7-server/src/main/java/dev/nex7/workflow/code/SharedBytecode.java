package dev.nex7.workflow.code;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.roastedroot.quickjs4j.core.ScriptCache;

/**
 * QuickJS bytecode shared by every run, keyed by the SHA-256 of the source. Only the harness is
 * compiled through the engine (user code is compiled inside the sandbox, by the harness), so this
 * holds a single entry in practice; past a few entries it stops adding (entries are never removed,
 * because quickjs4j asks {@code exists} and then {@code get}).
 *
 * <p>quickjs4j's own cache is a plain {@code HashMap} per engine, which would mean compiling the
 * harness again for every run.
 */
final class SharedBytecode implements ScriptCache {

    private static final int MAX_ENTRIES = 16;

    private final Map<ByteBuffer, byte[]> compiled = new ConcurrentHashMap<>();

    @Override
    public boolean exists(byte[] code) {
        return compiled.containsKey(key(code));
    }

    @Override
    public void set(byte[] code, byte[] bytecode) {
        if (compiled.size() < MAX_ENTRIES) {
            compiled.putIfAbsent(key(code), bytecode.clone());
        }
    }

    @Override
    public byte[] get(byte[] code) {
        byte[] bytecode = compiled.get(key(code));
        return bytecode == null ? null : bytecode.clone();
    }

    private static ByteBuffer key(byte[] code) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(code));
        } catch (NoSuchAlgorithmException everyJavaHasSha256) {
            throw new IllegalStateException(everyJavaHasSha256);
        }
    }
}
