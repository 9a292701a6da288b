package io.github.camelgeminilive.emulator.server;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Field access on a JSON tree that treats proto3's snake_case names ({@code realtime_input}) like their
 * lowerCamelCase form, so tree-level checks see one spelling.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** The lowerCamelCase form of a field name ({@code mime_type} becomes {@code mimeType}). */
    static String camel(String name) {
        if (name.indexOf('_') < 0) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                upper = sb.length() > 0;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    /** The value of {@code camelName} (or its snake_case spelling) in {@code object}; null when absent. */
    static JsonNode get(JsonNode object, String camelName) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode v = object.get(camelName);
        if (v == null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (camel(e.getKey()).equals(camelName)) {
                    return e.getValue();
                }
            }
        }
        return v;
    }

    /** The camelCase names of the fields of {@code object} whose value is not JSON null (proto3: null = absent). */
    static List<String> presentFields(JsonNode object) {
        List<String> names = new ArrayList<>(2);
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull()) {
                names.add(camel(e.getKey()));
            }
        }
        return names;
    }
}
