package dev.sturdy.net.tls;

/**
 * The identity a role's certificate carries as its subject common name: "party-0", "party-1", ...
 * and "dealer". Connections check that a peer's certificate names the role it claims to be, so a
 * party cannot pose as another even though all certificates come from one CA.
 */
public final class RoleNames {
    public static final String DEALER = "dealer";
    private static final String PARTY_PREFIX = "party-";

    private RoleNames() {
    }

    /** The certificate name of id {@code id} in a deployment of {@code computeParties} parties. */
    public static String of(int id, int computeParties) {
        if (id < 0 || id > computeParties) {
            throw new IllegalArgumentException("role id " + id + " out of range 0.." + computeParties);
        }
        return id == computeParties ? DEALER : PARTY_PREFIX + id;
    }

    /** True when {@code commonName} names a role of some deployment ("dealer", "party-i"), not a client. */
    public static boolean isRole(String commonName) {
        return commonName.equals(DEALER) || commonName.matches(PARTY_PREFIX + "[0-9]+");
    }
}
