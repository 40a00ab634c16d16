/**
 * The facts the policy rules match and insert. Public only because Drools-generated rule code lives
 * in its own class loader and can reach nothing else; no class outside {@code io.rebound.policy}
 * should use them.
 */
package io.rebound.policy.facts;
