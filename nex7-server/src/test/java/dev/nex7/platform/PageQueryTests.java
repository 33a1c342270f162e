package dev.nex7.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PageQueryTests {

    private static final Map<String, String> SORTS = Map.of("name", "lower(name)", "createdAt", "created_at");

    @Test
    void defaultsToTheFirstPageOfTwentyWithTheDefaultSort() {
        PageQuery query = PageQuery.parse(null, null, null, SORTS, "createdAt,desc");

        assertThat(query.page()).isZero();
        assertThat(query.size()).isEqualTo(20);
        assertThat(query.orderBy()).isEqualTo("created_at DESC");
        assertThat(query.offset()).isZero();
    }

    @Test
    void mapsAllowedFieldsToTheirColumns() {
        PageQuery query = PageQuery.parse(3, 10, "name,ASC", SORTS, "createdAt,desc");

        assertThat(query.orderBy()).isEqualTo("lower(name) ASC");
        assertThat(query.offset()).isEqualTo(30);
        assertThat(PageQuery.parse(0, 1, "name", SORTS, "createdAt").orderBy()).isEqualTo("lower(name) ASC");
    }

    @Test
    void refusesAnythingOutsideTheAllowList() {
        for (String sort : new String[] {"password_hash", "name; DROP TABLE x", "lower(name)", "name,asc,extra",
                "name,up"}) {
            assertThatThrownBy(() -> PageQuery.parse(0, 10, sort, SORTS, "createdAt"))
                    .as(sort).isInstanceOf(InvalidRequest.class)
                    .satisfies(e -> assertThat(((InvalidRequest) e).errors().get(0).field()).isEqualTo("sort"));
        }
    }

    @Test
    void boundsPageAndSize() {
        assertThatThrownBy(() -> PageQuery.parse(-1, 10, null, SORTS, "name")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> PageQuery.parse(0, 0, null, SORTS, "name")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> PageQuery.parse(0, 101, null, SORTS, "name")).isInstanceOf(InvalidRequest.class);
        assertThat(PageQuery.parse(0, 100, null, SORTS, "name").size()).isEqualTo(100);
    }

    @Test
    void pageViewCountsPages() {
        PageQuery query = PageQuery.parse(0, 10, null, SORTS, "name");
        assertThat(PageView.of(java.util.List.of(), query, 0).totalPages()).isZero();
        assertThat(PageView.of(java.util.List.of(), query, 10).totalPages()).isEqualTo(1);
        assertThat(PageView.of(java.util.List.of(), query, 11).totalPages()).isEqualTo(2);
    }
}
