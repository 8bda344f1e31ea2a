package id.go.layanandesa.backup;

import java.util.List;

/**
 * What a backup file holds, written as its last entry ({@value #ENTRY}): the schema version the tables belong to,
 * and for every table, sequence and file what a restore needs and the checksum that proves it arrived whole.
 *
 * @param schemaVersion the version of the newest migration applied, as Flyway numbers it
 * @param snapshot      the PostgreSQL snapshot the tables were read in ({@code pg_current_snapshot()})
 */
public record BackupManifest(String format, int formatVersion, String createdAt, String schemaVersion, String postgresVersion,
                             String snapshot, List<Table> tables, List<Sequence> sequences, List<DataFile> files) {

    public static final String FORMAT = "layanan-desa-backup";
    public static final int FORMAT_VERSION = 1;
    public static final String ENTRY = "manifest.json";

    /** A table as COPY text, in the entry {@code tables/<name>.copy}; {@code rows} lines of it. */
    public record Table(String name, List<String> columns, long rows, long bytes, String sha256) {

        String entry() {
            return "tables/" + name + ".copy";
        }
    }

    /** A sequence's state, for {@code setval(name, lastValue, called)}. */
    public record Sequence(String name, long lastValue, boolean called) {
    }

    /**
     * A file of the data folder, in the entry {@code files/<path>}.
     *
     * @param path        relative to the data folder, with forward slashes
     * @param permissions POSIX permissions such as {@code rw-------}, or null where the file system has none
     */
    public record DataFile(String path, long bytes, String sha256, String permissions) {

        String entry() {
            return "files/" + path;
        }
    }

    public long totalRows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }
}
