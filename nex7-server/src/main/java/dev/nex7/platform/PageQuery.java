package dev.nex7.platform;

import java.util.Locale;
import java.util.Map;

/**
 * A validated page request: zero-based page, bounded size and a sort that was checked against an
 * allow-list, so a column name from the query string never reaches SQL unchecked.
 *
 * @param page zero-based page number
 * @param size items per page, 1 to {@link #MAX_SIZE}
 * @param sortColumn the SQL column (or expression) the allow-list mapped the requested field to
 * @param ascending sort direction
 */
public record PageQuery(int page, int size, String sortColumn, boolean ascending) {

    public static final int MAX_SIZE = 100;

    public long offset() {
        return (long) page * size;
    }

    /** The ORDER BY clause body; the column comes from the allow-list only. */
    public String orderBy() {
        return sortColumn + (ascending ? " ASC" : " DESC");
    }

    /**
     * Parses {@code page}, {@code size} and {@code sort=field,asc|desc} against an allow-list of
     * API field names mapped to SQL columns.
     */
    public static PageQuery parse(Integer page, Integer size, String sort, Map<String, String> allowedSorts,
            String defaultSort) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (p < 0) {
            throw new InvalidRequest("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new InvalidRequest("size", "must be between 1 and " + MAX_SIZE);
        }
        String requested = sort == null || sort.isBlank() ? defaultSort : sort;
        String[] parts = requested.split(",", -1);
        if (parts.length > 2) {
            throw new InvalidRequest("sort", "must look like field,asc or field,desc");
        }
        String column = allowedSorts.get(parts[0].trim());
        if (column == null) {
            throw new InvalidRequest("sort", "can sort by " + String.join(", ", allowedSorts.keySet().stream().sorted().toList()));
        }
        boolean ascending = true;
        if (parts.length == 2) {
            String direction = parts[1].trim().toLowerCase(Locale.ROOT);
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw new InvalidRequest("sort", "direction must be asc or desc");
            }
            ascending = direction.equals("asc");
        }
        return new PageQuery(p, s, column, ascending);
    }
}
