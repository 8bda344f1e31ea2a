package id.go.layanandesa.catalog;

import id.go.layanandesa.common.openapi.MayBeAbsent;

import java.util.List;

/** What filers saw of a service type at one version. */
public record ServiceTypeSnapshot(String code, String name, @MayBeAbsent String description, @MayBeAbsent Long defaultOpdId,
                                  int timeLimitDays, long fee, @MayBeAbsent String product, boolean open, List<DocumentDefinition> documents,
                                  List<FieldDefinition> fields) {

    public static ServiceTypeSnapshot of(ServiceType t) {
        return new ServiceTypeSnapshot(t.code, t.name, t.description, t.defaultOpdId, t.timeLimitDays, t.fee, t.product,
                t.open, List.copyOf(t.documents), List.copyOf(t.fields));
    }
}
