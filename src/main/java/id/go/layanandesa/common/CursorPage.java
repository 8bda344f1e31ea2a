package id.go.layanandesa.common;

import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.openapi.MayBeAbsent;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list: the one paging shape of the API. Lists take {@code cursor} (opaque) and
 * {@code limit} (1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}); {@code next} is the cursor of the
 * following page and is absent on the last page.
 */
public record CursorPage<T>(
        @Schema(description = "The items of this page, in the list's order; empty when there are none") List<T> items,
        @MayBeAbsent
        @Schema(description = "Send it as `cursor` for the following page; absent on the last page", example = "MTA0OQ")
        String next) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final String CURSOR_DESCRIPTION = "The `next` of the previous page; absent for the first page";
    public static final String LIMIT_DESCRIPTION = "Page size, 1 to 100";

    /** Builds a page from up to {@code limit + 1} fetched rows: the extra row only says there is more. */
    public static <T> CursorPage<T> of(List<T> fetched, int limit, Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new CursorPage<>(List.copyOf(fetched), null);
        }
        List<T> items = fetched.subList(0, limit);
        return new CursorPage<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)));
    }

    /** The opaque cursor of a list ordered by id. */
    public static String idCursor(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The id an {@link #idCursor} names; null for none; 400 for one this service did not give out. */
    public static Long idAfter(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this list gave out");
        }
    }
}
