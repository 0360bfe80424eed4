package org.safegate.feeds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.safegate.config.SourceSettings;

/**
 * The sources in force: their states in config order (which is the compile order) and by id.
 * Immutable; the states inside are not (see {@link SourceState}).
 */
record Sources(List<SourceState> inOrder, Map<String, SourceState> byId) {
    Sources {
        inOrder = List.copyOf(inOrder);
        byId = Map.copyOf(byId);
    }

    /**
     * One state per source: the one in {@code current} when its settings are equal (it keeps its
     * last good version), else a new one.
     *
     * @throws IllegalArgumentException when an id is given twice
     */
    static Sources of(List<SourceSettings> settings, Map<String, SourceState> current) {
        List<SourceState> list = new ArrayList<>(settings.size());
        Map<String, SourceState> map = new LinkedHashMap<>();
        for (SourceSettings source : settings) {
            SourceState was = current.get(source.id());
            SourceState state = was != null && was.settings().equals(source) ? was : new SourceState(source);
            if (map.put(source.id(), state) != null)
                throw new IllegalArgumentException("source id: " + source.id() + " given twice (expected: unique ids)");
            list.add(state);
        }
        return new Sources(list, map);
    }
}
