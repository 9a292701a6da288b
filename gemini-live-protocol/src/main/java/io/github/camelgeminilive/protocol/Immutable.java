package io.github.camelgeminilive.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmodifiable copies for record components: wire records are shared between listeners, so none may be changed
 * through a list or map it exposes. Nulls stay allowed (absent fields, JSON nulls inside free-form maps).
 */
final class Immutable {

    private Immutable() {
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
