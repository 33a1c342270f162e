package dev.nex7.platform;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One page of a list, as every paginated endpoint returns it.
 *
 * @param items the items of this page
 * @param page zero-based page number
 * @param size requested page size
 * @param totalItems items across all pages
 * @param totalPages number of pages
 */
public record PageView<T>(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<T> items,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int page,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int size,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long totalItems,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int totalPages) {

    public static <T> PageView<T> of(List<T> items, PageQuery query, long totalItems) {
        int pages = (int) ((totalItems + query.size() - 1) / query.size());
        return new PageView<>(items, query.page(), query.size(), totalItems, pages);
    }
}
