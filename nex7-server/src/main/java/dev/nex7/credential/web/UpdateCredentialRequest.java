package dev.nex7.credential.web;

import java.util.Map;

import dev.nex7.credential.CredentialCatalog.Changes;
import dev.nex7.platform.Patch;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A partial change. The fields {@code data} names replace those fields ({@code null} clears an
 * optional one); fields it leaves out, secret ones included, keep their values.
 */
@Schema(name = "UpdateCredentialRequest")
public final class UpdateCredentialRequest {

    private Patch<String> name = Patch.absent();
    private Patch<Map<String, Object>> data = Patch.absent();

    @Schema(minLength = 1, maxLength = 100)
    public void setName(String value) {
        name = Patch.of(value);
    }

    @Schema(description = "Fields to replace; null clears an optional field")
    public void setData(Map<String, Object> value) {
        data = Patch.of(value);
    }

    Changes changes() {
        return new Changes(name.change(), data.change());
    }
}
