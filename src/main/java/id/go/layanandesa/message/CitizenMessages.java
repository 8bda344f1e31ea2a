package id.go.layanandesa.message;

import id.go.layanandesa.common.error.Problem.Violation;
import id.go.layanandesa.request.RequestStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short message a citizen gets when their request reaches a status, in Bahasa Indonesia, ready for a
 * messaging gateway to send as it is. A kabupaten may word each status its own way; these are the defaults.
 * Placeholders: {@code {layanan}} the service, {@code {kode}} the tracking code, {@code {opd}} the OPD that has
 * the request, {@code {desa}} the desa, {@code {jatuh_tempo}} the due date, {@code {catatan}} the OPD's public
 * note (for NEEDS_INFO: what to bring). A message never holds the citizen's name: it says "Anda".
 */
public final class CitizenMessages {

    public static final Set<String> PLACEHOLDERS = Set.of("layanan", "kode", "opd", "desa", "jatuh_tempo", "catatan");
    public static final int MAX_LENGTH = 500;

    private static final Map<RequestStatus, String> DEFAULTS = new EnumMap<>(Map.of(
            RequestStatus.SUBMITTED, "Permohonan {layanan} Anda ({kode}) sudah diterima dan diteruskan ke {opd}. Perkiraan selesai {jatuh_tempo}. {catatan}",
            RequestStatus.IN_PROGRESS, "Permohonan {layanan} Anda ({kode}) sedang diproses oleh {opd}. {catatan}",
            RequestStatus.NEEDS_INFO, "Permohonan {layanan} Anda ({kode}) perlu dilengkapi: {catatan}. Silakan ke kantor desa.",
            RequestStatus.COMPLETED, "Permohonan {layanan} Anda ({kode}) sudah selesai. {catatan}",
            RequestStatus.REJECTED, "Permohonan {layanan} Anda ({kode}) tidak dapat dikabulkan. {catatan} Silakan hubungi kantor desa.",
            RequestStatus.CANCELLED, "Permohonan {layanan} Anda ({kode}) telah dibatalkan. {catatan}"));

    private static final String[] MONTHS = {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
            "September", "Oktober", "November", "Desember"};
    private static final Pattern BRACES = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" ([.,;:!?])");
    private static final Pattern DOUBLE_STOP = Pattern.compile("([.!?])\\.");
    private static final Pattern COLON_STOP = Pattern.compile(": ?\\.");

    /** What fills the placeholders of one message. */
    public record Values(String layanan, String kode, String opd, String desa, LocalDate jatuhTempo, String catatan) {
    }

    private CitizenMessages() {
    }

    public static String defaultText(RequestStatus status) {
        return DEFAULTS.get(status);
    }

    /** The message of a template with these values: sentences stay whole when the public note is empty or ends without a stop. */
    public static String render(String template, Values values) {
        Matcher m = BRACES.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = switch (name) {
                case "layanan" -> values.layanan();
                case "kode" -> values.kode();
                case "opd" -> values.opd();
                case "desa" -> values.desa();
                case "jatuh_tempo" -> values.jatuhTempo() == null ? null : tanggal(values.jatuhTempo());
                case "catatan" -> catatan(values.catatan(), template, m.end());
                default -> m.group();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value.strip()));
        }
        m.appendTail(out);
        String text = SPACES.matcher(out).replaceAll(" ");
        text = SPACE_BEFORE_PUNCTUATION.matcher(text).replaceAll("$1");
        text = DOUBLE_STOP.matcher(text).replaceAll("$1");
        return COLON_STOP.matcher(text).replaceAll(".").strip();
    }

    /** A public note that ends a sentence of the template gets its full stop. */
    private static String catatan(String note, String template, int after) {
        if (note == null || note.isBlank()) {
            return "";
        }
        String n = note.strip();
        boolean followedByPunctuation = after < template.length() && ".,;:!?".indexOf(template.charAt(after)) >= 0;
        boolean ended = ".!?".indexOf(n.charAt(n.length() - 1)) >= 0;
        return followedByPunctuation || ended ? n : n + ".";
    }

    /** A date as Indonesians write it: 14 Desember 2026. */
    public static String tanggal(LocalDate date) {
        return date.getDayOfMonth() + " " + MONTHS[date.getMonthValue() - 1] + " " + date.getYear();
    }

    /** What is wrong with a template an admin wrote: unknown placeholders, stray braces, its length. */
    public static List<Violation> check(String field, String template) {
        List<Violation> violations = new ArrayList<>();
        if (template == null || template.isBlank()) {
            violations.add(new Violation(field, "must not be blank"));
            return violations;
        }
        if (template.length() > MAX_LENGTH) {
            violations.add(new Violation(field, "must be at most " + MAX_LENGTH + " characters"));
        }
        Matcher m = BRACES.matcher(template);
        StringBuilder rest = new StringBuilder();
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                violations.add(new Violation(field, "{" + m.group(1) + "} is no placeholder; use " + String.join(", ",
                        PLACEHOLDERS.stream().sorted().map(p -> "{" + p + "}").toList())));
            }
            m.appendReplacement(rest, "");
        }
        m.appendTail(rest);
        if (rest.indexOf("{") >= 0 || rest.indexOf("}") >= 0) {
            violations.add(new Violation(field, "has a brace that opens or closes no placeholder"));
        }
        return violations;
    }
}
