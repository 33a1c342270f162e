package dev.nex7.platform.database;

import java.nio.file.Path;

/** Another running NEX7 already owns the data directory; two servers must never share one. */
public class DataDirectoryLocked extends IllegalStateException {

    public DataDirectoryLocked(Path dataDir) {
        super("The data directory " + dataDir.toAbsolutePath()
                + " is in use by another running NEX7. Stop that instance, or start this one with a different"
                + " NEX7_DB_DATA_DIR (or point NEX7_DB_URL at a shared PostgreSQL server).");
    }
}
