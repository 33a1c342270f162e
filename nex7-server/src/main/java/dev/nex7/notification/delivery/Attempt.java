package dev.nex7.notification.delivery;

/**
 * How one attempt of a delivery went.
 *
 * @param status the HTTP status or SMTP reply code, when the other side answered
 * @param error why it failed, in words without secrets; {@code null} when delivered
 */
public record Attempt(Result result, Integer status, String error) {

    /** Delivered; worth trying again later; or not worth trying again. */
    public enum Result {
        DELIVERED, RETRY, FAILED
    }

    public static Attempt delivered(Integer status) {
        return new Attempt(Result.DELIVERED, status, null);
    }

    public static Attempt retry(Integer status, String error) {
        return new Attempt(Result.RETRY, status, error);
    }

    public static Attempt failed(Integer status, String error) {
        return new Attempt(Result.FAILED, status, error);
    }
}
