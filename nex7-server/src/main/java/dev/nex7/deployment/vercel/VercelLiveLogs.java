package dev.nex7.deployment.vercel;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentStatus;
import dev.nex7.deployment.Deployments;
import dev.nex7.integration.VercelApi;
import dev.nex7.integration.VercelApi.BuildEvent;
import dev.nex7.integration.VercelApi.VercelUnavailable;
import dev.nex7.project.ProjectId;

/**
 * Follows the build logs of a project's Vercel deployments while they build: on each poll, the
 * events of every deployment NEX7 has as building that came since the last poll are read
 * ({@code since}) and appended to its log, one line per event, as the final log has them. Where the
 * log was read up to is stored with it: the time of the last event appended and how many events
 * had that time, so that an event is appended once whether Vercel's {@code since} counts that
 * millisecond in or not. Following is best effort: what Vercel does not give now is read at the
 * next poll, and a failed build's whole log is read when it ends anyway.
 */
@Component
class VercelLiveLogs {

    private static final Logger log = LoggerFactory.getLogger(VercelLiveLogs.class);
    /** Builds followed per project and poll, the newest: a project rarely has more running, and each costs a request. */
    static final int MAX_FOLLOWED = 5;

    private final VercelApi vercel;
    private final Deployments deployments;

    VercelLiveLogs(VercelApi vercel, Deployments deployments) {
        this.vercel = vercel;
        this.deployments = deployments;
    }

    /** Appends what the project's building deployments logged since the last poll. */
    void followBuilding(ProjectId project) {
        deployments.unfinished(project, Deployment.VERCEL, MAX_FOLLOWED).stream()
                .filter(deployment -> deployment.status() == DeploymentStatus.BUILDING)
                .forEach(building -> follow(project, building));
    }

    /** Appends what a deployment that was followed while building logged since, before it is stored as ended. */
    void catchUp(ProjectId project, Deployment deployment) {
        if (deployments.logPosition(deployment.id()).isPresent()) {
            follow(project, deployment);
        }
    }

    private void follow(ProjectId project, Deployment deployment) {
        Position from = deployments.logPosition(deployment.id()).flatMap(Position::parse).orElse(Position.START);
        List<BuildEvent> events;
        try {
            events = vercel.buildEvents(project, deployment.externalId(), from == Position.START ? null : from.created());
        } catch (VercelUnavailable unavailable) {
            log.info("The build log of Vercel deployment {} could not be followed now: {}", deployment.externalId(), unavailable.getMessage());
            return;
        }
        StringBuilder text = new StringBuilder();
        Position at = from;
        int seen = from.sameTime();
        int read = 0;
        for (BuildEvent event : events) {
            if (event.created() < from.created() || event.created() == from.created() && seen > 0) {
                seen -= event.created() == from.created() ? 1 : 0;
                continue; // appended at an earlier poll
            }
            at = at.next(event.created());
            read++;
            if (event.text() != null) {
                text.append(event.text()).append('\n');
            }
        }
        if (read > 0) {
            deployments.appendLog(deployment.id(), text.toString(), at.toString());
        }
    }

    /**
     * Where a deployment's events were read up to.
     *
     * @param created the time of the last event read, epoch milliseconds
     * @param sameTime how many of the events read had that time
     */
    record Position(long created, int sameTime) {

        static final Position START = new Position(Long.MIN_VALUE, 0);
        private static final Pattern FORM = Pattern.compile("(-?\\d{1,19}):(\\d{1,9})");

        static Optional<Position> parse(String text) {
            Matcher form = FORM.matcher(text);
            return form.matches() ? Optional.of(new Position(Long.parseLong(form.group(1)), Integer.parseInt(form.group(2))))
                    : Optional.empty();
        }

        /** After one more event, created at {@code time}. */
        Position next(long time) {
            return time == created ? new Position(created, sameTime + 1) : new Position(Math.max(time, created), time > created ? 1 : sameTime);
        }

        @Override
        public String toString() {
            return created + ":" + sameTime;
        }
    }
}
