package io.github.camelgeminilive.protocol;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.introspect.VisibilityChecker;

/**
 * A wire record's fields are its components: helpers such as {@link ServerContent#isTurnComplete()} must not be
 * written as {@code "turnComplete": false}. Other classes (free-form JSON of the shared mapper) keep Jackson's
 * defaults.
 */
final class RecordAccessorsOnly extends NopAnnotationIntrospector {

    private static final long serialVersionUID = 1L;

    @Override
    public VisibilityChecker<?> findAutoDetectVisibility(AnnotatedClass ac, VisibilityChecker<?> checker) {
        return ac.getRawType().isRecord() ? checker.withIsGetterVisibility(JsonAutoDetect.Visibility.NONE) : checker;
    }
}
