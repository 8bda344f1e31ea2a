package id.go.layanandesa.document;

import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.error.ProblemException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a received file is, by its content: PDF, JPEG or PNG recognised by their first bytes (magic numbers), never by
 * the name or the type the sender declared, which only have to agree with the content. Read once, as it streams, for
 * the type and the SHA-256.
 */
public final class FileContent {

    public static final String PDF = "application/pdf";
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    public static final Set<String> SCANS = Set.of(PDF, JPEG, PNG);
    public static final Set<String> RESULTS = Set.of(PDF);

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final Map<String, String> EXTENSIONS = Map.of("pdf", PDF, "jpg", JPEG, "jpeg", JPEG, "jpe", JPEG, "png", PNG);
    private static final Map<String, String> ALIASES = Map.of("image/jpg", JPEG, "image/pjpeg", JPEG, "application/x-pdf", PDF);

    /** A received file as the service keeps it. */
    public record Received(Path file, long size, String sha256, String mediaType, String fileName) {
    }

    private FileContent() {
    }

    /** The type the first bytes say, or null when they say none of PDF, JPEG, PNG. */
    public static String sniff(byte[] head, int length) {
        if (startsWith(head, length, PDF_MAGIC)) {
            return PDF;
        }
        if (startsWith(head, length, PNG_MAGIC)) {
            return PNG;
        }
        if (startsWith(head, length, JPEG_MAGIC)) {
            return JPEG;
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a received file: not larger than {@code maxSize} (413), not empty, of an accepted type by its content, and
     * agreeing with the declared type and the name's extension (415). Answers its size, SHA-256 and type.
     */
    public static Received inspect(Path file, String declaredType, String fileName, Set<String> accepted, long maxSize) {
        try {
            long size = Files.size(file);
            if (size > maxSize) {
                throw tooLarge(size, maxSize);
            }
            if (size == 0) {
                throw new ProblemException(ProblemCode.FILE_EMPTY, "Unsupported media type", "the file is empty");
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] head = new byte[16];
            int headLength = 0;
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (headLength < head.length) {
                        int take = Math.min(n, head.length - headLength);
                        System.arraycopy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    digest.update(buffer, 0, n);
                }
            }
            String type = check(head, headLength, declaredType, fileName, accepted);
            return new Received(file, size, HexFormat.of().formatHex(digest.digest()), type, displayName(fileName, type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The type of a file's first bytes, checked against what the operation accepts and what the sender declared. */
    public static String check(byte[] head, int headLength, String declaredType, String fileName, Set<String> accepted) {
        String type = sniff(head, headLength);
        if (type == null || !accepted.contains(type)) {
            throw new ProblemException(ProblemCode.FILE_TYPE_NOT_ACCEPTED, "Unsupported media type",
                    "by its content the file is " + (type == null ? "none of " : "not one of ") + String.join(", ", names(accepted)));
        }
        String declared = normalType(declaredType);
        if (declared != null && !declared.equals(type)) {
            throw new ProblemException(ProblemCode.FILE_TYPE_MISMATCH, "Unsupported media type",
                    "the file is declared as " + declared + " but its content is " + type);
        }
        String byName = typeOfName(fileName);
        if (byName != null && !byName.equals(type)) {
            throw new ProblemException(ProblemCode.FILE_TYPE_MISMATCH, "Unsupported media type",
                    "the file's name says " + byName + " but its content is " + type);
        }
        return type;
    }

    public static ProblemException tooLarge(long size, long maxSize) {
        return new ProblemException(ProblemCode.PAYLOAD_TOO_LARGE, "Payload too large",
                "the file is " + size + " bytes; at most " + maxSize + " are accepted");
    }

    /** A declared type that says something: null for none, or for the generic octet-stream. */
    static String normalType(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String t = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (t.equals("application/octet-stream") || t.equals("binary/octet-stream")) {
            return null;
        }
        return ALIASES.getOrDefault(t, t);
    }

    private static String typeOfName(String name) {
        if (name == null) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : EXTENSIONS.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static java.util.List<String> names(Set<String> types) {
        return types.stream().sorted().map(t -> switch (t) {
            case PDF -> "PDF";
            case JPEG -> "JPEG";
            case PNG -> "PNG";
            default -> t;
        }).toList();
    }

    /**
     * The name shown for a file: the sender's, without any folder part, control characters or quotes, at most 200
     * characters; "berkas.pdf" (or .jpg, .png) when nothing is left. Only ever shown, never used as a path.
     */
    public static String displayName(String given, String type) {
        String name = given == null ? "" : given;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c) && c != '"' && Character.getType(c) != Character.SURROGATE
                && Character.getType(c) != Character.FORMAT).forEach(clean::appendCodePoint);
        name = clean.toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "berkas." + switch (type) {
                case JPEG -> "jpg";
                case PNG -> "png";
                default -> "pdf";
            };
        }
        if (name.length() > 200) {
            name = name.substring(name.length() - 200);
        }
        return name;
    }
}
