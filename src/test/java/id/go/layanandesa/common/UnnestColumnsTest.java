package id.go.layanandesa.common;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class UnnestColumnsTest {

    enum Kind { FILED, ACCEPTED }

    record Row(long id, Integer count, String name, Instant at, Kind kind) {
    }

    private static final UnnestColumns<Row> COLUMNS = UnnestColumns.<Row>of()
            .bigint(Row::id).integer(Row::count).text(Row::name).instant(Row::at).name(Row::kind);

    /** An array the connection made: its type and elements. */
    private record Made(String type, Object[] elements) {
    }

    @Test
    void eachColumnGoesAsOneTypedArrayInTheDeclaredOrderWithNullsForWhatARowLacks() throws Exception {
        List<Made> made = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        Connection connection = proxy(Connection.class, (name, args) -> {
            made.add(new Made((String) args[0], (Object[]) args[1]));
            return null;
        });
        PreparedStatement statement = proxy(PreparedStatement.class, (name, args) -> {
            indexes.add((Integer) args[0]);
            return null;
        });
        List<Row> rows = List.of(
                new Row(7, 3, "Desa Harapan", Instant.parse("2026-11-30T01:02:03Z"), Kind.FILED),
                new Row(8, null, null, null, null));

        int next = COLUMNS.bind(connection, statement, 4, rows);

        assertEquals(9, next, "five columns from index 4: the next free index is 9");
        assertEquals(List.of(4, 5, 6, 7, 8), indexes);
        assertEquals(List.of("bigint", "int4", "text", "text", "text"), made.stream().map(Made::type).toList());
        assertInstanceOf(Long[].class, made.get(0).elements());
        assertInstanceOf(Integer[].class, made.get(1).elements());
        assertInstanceOf(String[].class, made.get(3).elements());
        assertEquals(Arrays.asList(7L, 8L), Arrays.asList(made.get(0).elements()));
        assertEquals(Arrays.asList(3, null), Arrays.asList(made.get(1).elements()));
        assertEquals(Arrays.asList("Desa Harapan", null), Arrays.asList(made.get(2).elements()));
        assertEquals(Arrays.asList("2026-11-30T01:02:03Z", null), Arrays.asList(made.get(3).elements()));
        assertEquals(Arrays.asList("FILED", null), Arrays.asList(made.get(4).elements()));
    }

    @Test
    void noRowsBindsEmptyArrays() throws Exception {
        List<Integer> lengths = new ArrayList<>();
        Connection connection = proxy(Connection.class, (name, args) -> {
            if ("createArrayOf".equals(name)) {
                lengths.add(((Object[]) args[1]).length);
            }
            return null;
        });
        PreparedStatement statement = proxy(PreparedStatement.class, (name, args) -> null);

        assertEquals(6, COLUMNS.bind(connection, statement, 1, List.of()));
        assertEquals(List.of(0, 0, 0, 0, 0), lengths);
    }

    /** Answers every call of the proxied JDBC interface by its method name and arguments. */
    private interface Call {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (self, method, args) -> call.answer(method.getName(), args)));
    }
}
