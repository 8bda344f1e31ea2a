package id.go.layanandesa.document;

import java.util.List;

/** What a receipt (tanda terima permohonan) says, in the words it prints. */
public record Receipt(String trackingCode, String trackingUrl, String service, String opd, String desa, String citizen, String filedAt,
                      String dueDate, List<Line> documents) {

    /** A declared document and how it is provided. */
    public record Line(String name, String provision) {
    }

    public enum Format {
        /** A4 sheet for an office printer. */
        A4,
        /** A roll of 80 mm thermal paper, as long as the receipt needs. */
        THERMAL
    }
}
