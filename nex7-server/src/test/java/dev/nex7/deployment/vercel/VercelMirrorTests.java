package dev.nex7.deployment.vercel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.DeploymentStatus;

class VercelMirrorTests {

    @Test
    void vercelsReadyStatesBecomeTheStoresStatusesAndUnknownOnesAreLeftAlone() {
        assertThat(VercelMirror.status("QUEUED")).contains(DeploymentStatus.QUEUED);
        assertThat(VercelMirror.status("INITIALIZING")).contains(DeploymentStatus.QUEUED);
        assertThat(VercelMirror.status("BUILDING")).contains(DeploymentStatus.BUILDING);
        assertThat(VercelMirror.status("READY")).contains(DeploymentStatus.READY);
        assertThat(VercelMirror.status("ERROR")).contains(DeploymentStatus.ERROR);
        assertThat(VercelMirror.status("CANCELED")).contains(DeploymentStatus.CANCELED);
        assertThat(VercelMirror.status("DELETED")).isEmpty();
        assertThat(VercelMirror.status(null)).isEmpty();
    }
}
