package id.go.layanandesa.kabupaten;

import id.go.layanandesa.common.openapi.MayBeAbsent;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What applying a configuration document does (or did), item by item. */
@Schema(name = "ConfigurationPlan", description = "What applying a configuration document does, item by item")
public record ConfigurationPlan(
        @Schema(example = "73.24") String kabupaten,
        @Schema(description = "False for a dry run: nothing was changed", example = "true") boolean applied,
        Summary summary,
        @Schema(description = "Every OPD, service, routing rule and holiday of the document or of the kabupaten, in that order")
        List<Item> items) {

    @Schema(name = "ConfigurationItemKind")
    public enum Kind { OPD, SERVICE, ROUTING_RULE, HOLIDAY }

    @Schema(name = "ConfigurationAction")
    public enum Action { ADDED, CHANGED, REMOVED, UNCHANGED }

    @Schema(name = "ConfigurationPlanSummary")
    public record Summary(
            @Schema(example = "2") int added,
            @Schema(example = "1") int changed,
            @Schema(example = "0") int removed,
            @Schema(example = "25") int unchanged) {
    }

    @Schema(name = "ConfigurationPlanItem")
    public record Item(
            @Schema(example = "SERVICE") Kind kind,
            @Schema(description = "The OPD or service code, the rule's service (or *) and area, or the holiday's date",
                    example = "AKTA_KELAHIRAN") String key,
            @Schema(example = "CHANGED") Action action,
            @Schema(description = "For CHANGED: what changes", example = "[\"documents\"]") List<String> changes,
            @MayBeAbsent @Schema(description = "More about what happens: a service's new catalog version; an item that requests "
                    + "or accounts refer to is deactivated or closed, never deleted", example = "version 2") String detail) {
    }

    /** Whether nothing was or would be changed: a dry run, or a document the kabupaten has applied already. */
    public boolean changesNothing() {
        return !applied || summary.added() + summary.changed() + summary.removed() == 0;
    }

    static Summary summarise(List<Item> items) {
        int[] n = new int[Action.values().length];
        items.forEach(i -> n[i.action().ordinal()]++);
        return new Summary(n[Action.ADDED.ordinal()], n[Action.CHANGED.ordinal()], n[Action.REMOVED.ordinal()],
                n[Action.UNCHANGED.ordinal()]);
    }
}
