package id.go.layanandesa.backup;

/** A backup or restore that cannot go on, with the one line that says why. */
final class BackupFailure extends Exception {

    BackupFailure(String message) {
        super(message);
    }

    BackupFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
