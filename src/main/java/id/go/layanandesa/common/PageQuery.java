package id.go.layanandesa.common;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The paging of every list, declared once: {@code cursor}, the {@code next} of the previous page, and {@code limit}.
 * A list's resource method takes it as {@code @Valid @BeanParam PageQuery paging}; its answer is a {@link CursorPage}
 * (or a page of the same shape). A cursor is opaque and short: one longer than any this service gives out is refused
 * before the list reads it.
 */
public class PageQuery {

    @Parameter(description = CursorPage.CURSOR_DESCRIPTION)
    @QueryParam("cursor")
    @Size(max = 100)
    String cursor;

    @Parameter(description = CursorPage.LIMIT_DESCRIPTION)
    @QueryParam("limit")
    @DefaultValue("20")
    @Min(1)
    @Max(CursorPage.MAX_LIMIT)
    int limit = CursorPage.DEFAULT_LIMIT;

    /** The previous page's {@code next}; null for the first page. */
    public String cursor() {
        return cursor;
    }

    /** How many items the page holds at most. */
    public int limit() {
        return limit;
    }
}
