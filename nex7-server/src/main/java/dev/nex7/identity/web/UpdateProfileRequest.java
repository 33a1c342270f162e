package dev.nex7.identity.web;

import dev.nex7.platform.Patch;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A partial profile change: an absent field is kept, {@code null} clears it. There is deliberately
 * no {@code role}: sending one is an unknown field and answered 400.
 */
@Schema(name = "UpdateProfileRequest")
public final class UpdateProfileRequest {

    private Patch<String> name = Patch.absent();
    private Patch<String> avatarUrl = Patch.absent();

    @Schema(maxLength = 100)
    public void setName(String name) {
        this.name = Patch.of(name);
    }

    @Schema(nullable = true, format = "uri")
    public void setAvatarUrl(String avatarUrl) {
        this.avatarUrl = Patch.of(avatarUrl);
    }

    Patch<String> name() {
        return name;
    }

    Patch<String> avatarUrl() {
        return avatarUrl;
    }
}
