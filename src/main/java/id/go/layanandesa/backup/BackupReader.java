package id.go.layanandesa.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Opens a backup file and proves it whole before anything is restored from it: a file cut short has no ZIP directory
 * at its end, and every entry must read back with the size and SHA-256 its manifest says (the ZIP's own CRC-32 catches
 * most damage on the way). Every failure is one line naming the file and what is wrong with it.
 */
final class BackupReader implements AutoCloseable {

    private final Path file;
    private final ZipFile zip;
    private final BackupManifest manifest;

    private BackupReader(Path file, ZipFile zip, BackupManifest manifest) {
        this.file = file;
        this.zip = zip;
        this.manifest = manifest;
    }

    /** Opens and checks the whole file. */
    static BackupReader open(Path file) throws BackupFailure {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
            throw new BackupFailure("there is no backup file " + file);
        } catch (IOException e) {
            throw new BackupFailure("the backup file " + file + " is incomplete (cut short), damaged or no Layanan Desa backup: "
                    + "its table of contents cannot be read (" + e.getMessage() + ")");
        }
        try {
            ZipEntry entry = zip.getEntry(BackupManifest.ENTRY);
            if (entry == null) {
                throw new BackupFailure("the backup file " + file + " is no Layanan Desa backup: it has no " + BackupManifest.ENTRY);
            }
            BackupManifest manifest;
            try (InputStream in = zip.getInputStream(entry)) {
                manifest = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(in, BackupManifest.class);
            } catch (IOException e) {
                throw new BackupFailure("the backup file " + file + " is damaged: its " + BackupManifest.ENTRY + " cannot be read", e);
            }
            if (!BackupManifest.FORMAT.equals(manifest.format()) || manifest.formatVersion() != BackupManifest.FORMAT_VERSION) {
                throw new BackupFailure("the backup file " + file + " is no Layanan Desa backup of format " + BackupManifest.FORMAT_VERSION);
            }
            BackupReader reader = new BackupReader(file, zip, manifest);
            reader.verify();
            return reader;
        } catch (BackupFailure | RuntimeException e) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // failing anyway
            }
            throw e;
        }
    }

    BackupManifest manifest() {
        return manifest;
    }

    /** The content of an entry the manifest names. */
    InputStream table(BackupManifest.Table table) throws IOException {
        return zip.getInputStream(zip.getEntry(table.entry()));
    }

    InputStream file(BackupManifest.DataFile f) throws IOException {
        return zip.getInputStream(zip.getEntry(f.entry()));
    }

    private void verify() throws BackupFailure {
        List<String[]> expected = new ArrayList<>();
        for (BackupManifest.Table t : manifest.tables()) {
            expected.add(new String[]{t.entry(), Long.toString(t.bytes()), t.sha256()});
        }
        for (BackupManifest.DataFile f : manifest.files()) {
            expected.add(new String[]{f.entry(), Long.toString(f.bytes()), f.sha256()});
        }
        for (String[] e : expected) {
            ZipEntry entry = zip.getEntry(e[0]);
            if (entry == null) {
                throw new BackupFailure("the backup file " + file + " is damaged: " + e[0] + " is missing");
            }
            Checksummed sum = new Checksummed();
            try (InputStream in = zip.getInputStream(entry)) {
                sum.readAll(in);
            } catch (ZipException | java.io.EOFException e1) {
                throw new BackupFailure("the backup file " + file + " is damaged: " + e[0] + " cannot be read back (" + e1.getMessage() + ")");
            } catch (IOException e1) {
                throw new BackupFailure("the backup file " + file + " cannot be read: " + e1.getMessage(), e1);
            }
            if (sum.bytes() != Long.parseLong(e[1]) || !sum.sha256().equals(e[2])) {
                throw new BackupFailure("the backup file " + file + " is damaged: " + e[0] + " does not match its checksum");
            }
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
