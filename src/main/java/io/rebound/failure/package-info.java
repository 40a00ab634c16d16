/**
 * The vocabulary every module shares: {@link io.rebound.failure.FailureFact} and the enums and
 * error-type names it uses. Depends on nothing else in Rebound.
 */
package io.rebound.failure;
