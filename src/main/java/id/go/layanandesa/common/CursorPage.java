package id.go.layanandesa.common;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * One page of a keyset-paginated list. {@code next} is the cursor to send as {@code after} for the
 * following page, or null on the last page.
 */
public record CursorPage<T>(
        @Schema(description = "The items of this page, in the list's order") List<T> items,
        @Schema(description = "Cursor for the next page (send it as `after`), null on the last page", example = "73.24.04.2002",
                nullable = true) String next) {

    /** Builds a page from up to {@code limit + 1} fetched rows: the extra row only says there is more. */
    public static <T> CursorPage<T> of(List<T> fetched, int limit, java.util.function.Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new CursorPage<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new CursorPage<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)));
    }
}
