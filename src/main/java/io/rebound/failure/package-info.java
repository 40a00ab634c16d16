/**
 * The vocabulary every module shares: {@link io.rebound.failure.FailureFact} and the enums and
 * error-type names it uses, and {@link io.rebound.failure.Action}, the one list of action names the
 * workbooks, the executor and the connectors share. Depends on nothing else in Rebound.
 */
package io.rebound.failure;
