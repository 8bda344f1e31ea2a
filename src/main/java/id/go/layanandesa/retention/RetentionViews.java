package id.go.layanandesa.retention;

import id.go.layanandesa.common.http.Versioned;
import id.go.layanandesa.common.openapi.MayBeAbsent;
import id.go.layanandesa.request.RequestViews;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The retention of personal data and a citizen's data export, on the wire. */
public final class RetentionViews {

    private RetentionViews() {
    }

    @Schema(name = "RetentionPolicy", description = "How long the kabupaten keeps the personal data of finished requests")
    public record Policy(
            @Schema(example = "73.24") String kabupatenCode,
            @Schema(description = "ISO-8601 period after a request finished (completed, rejected or cancelled) when its "
                    + "personal data goes", example = "P5Y") String period,
            @Schema(description = "false: a dry run; the daily job counts what is due and records that in the audit trail, and "
                    + "purges nothing. true: it purges", example = "false") boolean purge,
            @Schema(description = "false while the kabupaten has set no policy and the installation's default holds",
                    example = "true") boolean setByKabupaten,
            @Schema(description = "The policy's version: its ETag, for If-Match (0 while the default holds)", example = "1") int version,
            @MayBeAbsent @Schema(description = "When the kabupaten last set it", example = "2026-11-30T02:15:00Z") Instant updatedAt,
            @MayBeAbsent Run lastRun) implements Versioned {
    }

    @Schema(name = "RetentionPolicyInput", description = "A new retention policy")
    public record PolicyUpdate(
            @NotNull @Pattern(regexp = "P(\\d{1,4}Y)?(\\d{1,4}M)?(\\d{1,5}D)?", message = "must be an ISO-8601 period like P5Y or P18M")
            @Schema(description = "ISO-8601 period of years, months and days, from 30 days to 100 years", example = "P5Y") String period,
            @NotNull @Schema(description = "false for a dry run only", example = "true") Boolean purge) {
    }

    @Schema(name = "RetentionRun", description = "What the daily job did on one day")
    public record Run(
            @Schema(description = "The day, in the kabupaten's calendar", example = "2031-12-02") LocalDate day,
            @Schema(example = "false") boolean dryRun,
            @Schema(description = "Requests that finished before this instant were due", example = "2026-12-01T16:00:00Z") Instant cutoff,
            @Schema(description = "Requests purged, or in a dry run, due", example = "212") int requests,
            @Schema(example = "2031-12-01T18:15:00Z") Instant startedAt,
            @MayBeAbsent @Schema(description = "Absent while it runs, or when it was cut short", example = "2031-12-01T18:15:04Z")
            Instant finishedAt) {
    }

    @Schema(name = "RetentionDryRun", description = "What the policy would purge if the job ran now")
    public record DryRun(
            @Schema(example = "P5Y") String period,
            @Schema(description = "Requests that finished before this instant are due", example = "2021-11-29T16:00:00Z") Instant cutoff,
            @Schema(description = "Requests due in all", example = "212") int requests,
            @Schema(description = "Due requests per service, most first") List<ServiceCount> services,
            @MayBeAbsent @Schema(description = "When the longest-finished due request finished", example = "2019-03-04T05:06:07Z")
            Instant oldestFinishedAt) {
    }

    @Schema(name = "RetentionServiceCount")
    public record ServiceCount(@Schema(example = "1001") long serviceTypeId, @Schema(example = "AKTA_KELAHIRAN") String code,
                               @Schema(example = "Akta Kelahiran") String name, @Schema(example = "180") int requests) {
    }

    @Schema(name = "CitizenDataRequest", description = "Whose data to export")
    public record ExportRequest(
            @NotNull @Pattern(regexp = "\\d{16}", message = "must be 16 digits") @Schema(description = "The citizen's NIK",
                    example = "7324044107900001") String nik) {
    }

    @Schema(name = "CitizenDataExport", description = "Everything the kabupaten holds about one NIK: every request filed for it, "
            + "with its answers, documents, notes and whole history, the files attached to them (what they are, not their contents) "
            + "and the satisfaction surveys answered about them")
    public record Export(
            @Schema(example = "7324044107900001") String nik,
            @Schema(example = "73.24") String kabupatenCode,
            @Schema(example = "2026-11-30T02:15:00Z") Instant exportedAt,
            @Schema(description = "Oldest filed first; empty when the kabupaten holds nothing about the NIK (requests whose "
                    + "personal data was purged no longer carry it)") List<RequestViews.RequestDetail> requests,
            @Schema(description = "The files of these requests (scans attached, result documents), by request in upload order: "
                    + "what each is; its content is downloaded from `href`") List<FileHeld> files,
            @Schema(description = "The satisfaction surveys answered about these requests, by request") List<SurveyHeld> surveys) {
    }

    @Schema(name = "CitizenFile", description = "A file held for one of the citizen's requests: what it is, not its content")
    public record FileHeld(
            @Schema(example = "1001") long requestId,
            @Schema(example = "2051") long fileId,
            @Schema(description = "ATTACHMENT: a scan of a declared document; RESULT: the document the OPD produced",
                    enumeration = {"ATTACHMENT", "RESULT"}, example = "ATTACHMENT") String kind,
            @MayBeAbsent @Schema(description = "The declared document it is for (attachments)", example = "KK") String documentCode,
            @Schema(description = "As the uploader named it", example = "kk-depan.jpg") String fileName,
            @Schema(example = "image/jpeg", enumeration = {"application/pdf", "image/jpeg", "image/png"}) String mediaType,
            @Schema(description = "Bytes", example = "348211") long size,
            @Schema(description = "SHA-256 of the content, hex", example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
            String sha256,
            @Schema(example = "2026-11-30T02:16:00Z") Instant uploadedAt,
            @Schema(description = "Where an admin downloads it", example = "/api/v1/requests/1001/files/2051") String href) {
    }

    @Schema(name = "CitizenSurveyAnswer", description = "A satisfaction survey answered about one of the citizen's requests")
    public record SurveyHeld(
            @Schema(example = "1001") long requestId,
            @Schema(example = "2026-11-30T02:15:00Z") Instant answeredAt,
            @Schema(description = "ONLINE: by the citizen with the tracking code; PAPER: recorded by the desa", enumeration = {"ONLINE", "PAPER"},
                    example = "ONLINE") String channel,
            @Schema(description = "The nine elements' scores, 1 to 4, in the order U1 to U9", example = "[4, 3, 4, 4, 3, 4, 4, 3, 3]")
            List<Integer> scores,
            @MayBeAbsent @Schema(description = "In the citizen's own words; absent when they wrote none",
                    example = "Petugas ramah, tetapi antrean lama") String comment) {
    }
}
