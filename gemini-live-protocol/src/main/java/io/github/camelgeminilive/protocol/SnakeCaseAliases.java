package io.github.camelgeminilive.protocol;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;

/**
 * Proto3 JSON allows the original snake_case field names beside lowerCamelCase ones ({@code realtime_input},
 * {@code mime_type}); this gives every record property its snake_case name as an alias, at every level, without
 * touching free-form maps such as function arguments.
 */
final class SnakeCaseAliases extends JacksonAnnotationIntrospector {

    private static final long serialVersionUID = 1L;

    @Override
    public List<PropertyName> findPropertyAliases(Annotated member) {
        List<PropertyName> explicit = super.findPropertyAliases(member);
        String name = propertyName(member);
        if (name == null) {
            return explicit;
        }
        String snake = toSnake(name);
        if (snake.equals(name)) {
            return explicit;
        }
        List<PropertyName> all = explicit == null ? new ArrayList<>(1) : new ArrayList<>(explicit);
        all.add(PropertyName.construct(snake));
        return all;
    }

    private static String propertyName(Annotated member) {
        if (member instanceof AnnotatedParameter p) {
            Class<?> owner = p.getDeclaringClass();
            if (owner.isRecord()) {
                RecordComponent[] components = owner.getRecordComponents();
                if (p.getIndex() < components.length) {
                    return components[p.getIndex()].getName();
                }
            }
            return null;
        }
        String name = member.getName();
        return name == null || name.isEmpty() ? null : name;
    }

    static String toSnake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
