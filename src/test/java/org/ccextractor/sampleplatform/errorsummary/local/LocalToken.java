package org.ccextractor.sampleplatform.errorsummary.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

/**
 * The run command's token command: prints a token for the local service, signed (RS256) by {@link LocalKeys} with the
 * private keys a run wrote, so that a newcomer can try a subject of their own, a token without the scope (403) and
 * one that has expired (401). The run writes its Java argument file, {@code target/local/token.args}, which names
 * the class path, this class and the keys; it prints nothing but the token, for {@code TOKEN=$(...)}:
 *
 * <pre>
 * java @target/local/token.args --subject alice --scope results:read --lifetime 60s
 * </pre>
 */
public final class LocalToken {

    static final String USAGE = """
            usage: java @target/local/token.args [--subject NAME] [--scope 'SCOPE ...'] [--lifetime N(s|m|h|d)]
              --subject   the token's sub (default local-user): the rate limit counts each subject apart
              --scope     space-separated scopes (default results:read); another one is refused with 403, '' gives none
              --lifetime  from now until exp (default 1h); negative: expired already. The service refuses a token
                          (401) shortly after its exp: its clock skew, MP_JWT_VERIFY_CLOCK_SKEW""";

    private static final Pattern LIFETIME = Pattern.compile("(-?\\d+)([smhd])");
    private static final Map<String, ChronoUnit> UNITS = Map.of("s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);
    private static final Set<String> OPTIONS = Set.of("--keys", "--subject", "--scope", "--lifetime");

    /**
     * What the token says.
     *
     * @param keys the directory {@link LocalKeys#generate} wrote
     * @param scope space-separated, or null for a token without a scope claim
     */
    record Request(Path keys, String subject, String scope, Duration lifetime) {

        /** {@code --keys DIR} and any of {@code --subject}, {@code --scope}, {@code --lifetime}, each followed by its value. */
        static Request parse(List<String> args) {
            Map<String, String> given = new HashMap<>();
            for (int i = 0; i < args.size(); i += 2) {
                if (!OPTIONS.contains(args.get(i)) || i + 1 == args.size()) {
                    throw new IllegalArgumentException("Not understood: " + args.get(i));
                }
                given.put(args.get(i), args.get(i + 1));
            }
            if (!given.containsKey("--keys")) {
                throw new IllegalArgumentException("--keys is missing: use the argument file a local run wrote");
            }
            String scope = given.getOrDefault("--scope", LocalKeys.SCOPE);
            return new Request(Path.of(given.get("--keys")), given.getOrDefault("--subject", "local-user"),
                    scope.isBlank() ? null : scope, lifetime(given.getOrDefault("--lifetime", "1h")));
        }

        private static Duration lifetime(String text) {
            Matcher matcher = LIFETIME.matcher(text);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("--lifetime " + text + ": a whole number and s, m, h or d, e.g. 60s");
            }
            return Duration.of(Long.parseLong(matcher.group(1)), UNITS.get(matcher.group(2)));
        }
    }

    private LocalToken() {
    }

    public static void main(String[] args) throws IOException, JoseException {
        try {
            System.out.println(mint(List.of(args)));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    /** The token that {@code args} ask for (see {@link Request#parse}). */
    public static String mint(List<String> args) throws IOException, JoseException {
        Request request = Request.parse(args);
        return LocalKeys.load(request.keys()).sign(
                LocalKeys.claims(request.subject(), request.lifetime().toSeconds(), request.scope()),
                AlgorithmIdentifiers.RSA_USING_SHA256);
    }
}
