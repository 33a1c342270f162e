package dev.nex7.identity.web;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.identity.UserId;
import dev.nex7.identity.account.Accounts;
import dev.nex7.platform.PageQuery;
import dev.nex7.platform.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Administration of accounts; the security chain admits admins only. */
@RestController
@RequestMapping("/api/admin/users")
@Tag(name = "Administration")
class AdminUsersController {

    private final Accounts accounts;

    AdminUsersController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    @Operation(summary = "List accounts", description = "Sortable by createdAt, email, name, lastLoginAt, role.")
    @ApiResponse(responseCode = "200", description = "A page of accounts")
    @ApiResponse(responseCode = "400", description = "Invalid page, size or sort")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    PageView<UserView> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String sort) {
        PageView<dev.nex7.identity.account.Account> found = accounts.list(
                PageQuery.parse(page, size, sort, Accounts.SORTS, "createdAt,desc"));
        return new PageView<>(found.items().stream().map(UserView::of).toList(), found.page(), found.size(),
                found.totalItems(), found.totalPages());
    }

    @PatchMapping("/{userId}")
    @Operation(summary = "Change an account's role", description = "Admins cannot change their own role.")
    @ApiResponse(responseCode = "200", description = "The updated account")
    @ApiResponse(responseCode = "403", description = "Not an admin, or your own account")
    @ApiResponse(responseCode = "404", description = "No such account")
    UserView changeRole(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable UUID userId,
            @Valid @RequestBody ChangeRoleRequest request) {
        return UserView.of(accounts.changeRole(new UserId(userId), request.role(), admin.id()));
    }
}
