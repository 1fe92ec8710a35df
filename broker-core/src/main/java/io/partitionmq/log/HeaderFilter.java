package io.partitionmq.log;

import java.util.Objects;

/** Selects records whose header {@code name} equals {@code value}. */
public record HeaderFilter(String name, Object value) implements RecordFilter {
    @Override
    public boolean matches(Record record) {
        return Objects.equals(record.headers().get(name), value);
    }
}
