package id.go.layanandesa.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Many rows written by one statement: each column goes as one array parameter, which the statement reads back row by
 * row with {@code unnest(?::bigint[], ?::text[], …)}. Declared once beside its statement, in the statement's order,
 * each column with its array type and what it reads of a row:
 *
 * <pre>{@code
 * static final UnnestColumns<Entry> COLUMNS = UnnestColumns.<Entry>of()
 *         .bigint(Entry::id).text(Entry::name).instant(Entry::at);
 * ...
 * int next = COLUMNS.bind(connection, statement, 1, entries);
 * }</pre>
 *
 * A value the row does not have is a null element. Instants go as their ISO-8601 text, which PostgreSQL reads as a
 * {@code timestamptz} in any session time zone; enums by name.
 *
 * @param <T> what one row is made from
 */
public final class UnnestColumns<T> {

    private record Column<T>(String arrayType, IntFunction<Object[]> array, Function<T, ?> value) {
    }

    private final List<Column<T>> columns;

    private UnnestColumns(List<Column<T>> columns) {
        this.columns = columns;
    }

    /** No column yet. */
    public static <T> UnnestColumns<T> of() {
        return new UnnestColumns<>(List.of());
    }

    /** A {@code bigint[]} column. */
    public UnnestColumns<T> bigint(Function<T, Long> value) {
        return with("bigint", Long[]::new, value);
    }

    /** An {@code int[]} column. */
    public UnnestColumns<T> integer(Function<T, Integer> value) {
        return with("int4", Integer[]::new, value);
    }

    /** A {@code text[]} column (the statement casts it where the table's column is another text type). */
    public UnnestColumns<T> text(Function<T, String> value) {
        return with("text", String[]::new, value);
    }

    /** An instant as text, for {@code ?::timestamptz[]} or a {@code text[]} the statement casts. */
    public UnnestColumns<T> instant(Function<T, Instant> value) {
        return with("text", String[]::new, row -> {
            Instant at = value.apply(row);
            return at == null ? null : at.toString();
        });
    }

    /** An enum by name, as text. */
    public UnnestColumns<T> name(Function<T, ? extends Enum<?>> value) {
        return with("text", String[]::new, row -> {
            Enum<?> e = value.apply(row);
            return e == null ? null : e.name();
        });
    }

    private UnnestColumns<T> with(String arrayType, IntFunction<Object[]> array, Function<T, ?> value) {
        List<Column<T>> more = new ArrayList<>(columns);
        more.add(new Column<>(arrayType, array, value));
        return new UnnestColumns<>(List.copyOf(more));
    }

    /** Binds one array per column, from index {@code first} on; the index after the last. */
    public int bind(Connection c, PreparedStatement p, int first, List<? extends T> rows) throws SQLException {
        int i = first;
        for (Column<T> column : columns) {
            Object[] values = column.array().apply(rows.size());
            for (int r = 0; r < values.length; r++) {
                values[r] = column.value().apply(rows.get(r));
            }
            p.setArray(i++, c.createArrayOf(column.arrayType(), values));
        }
        return i;
    }
}
