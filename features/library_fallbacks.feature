Feature: A library that fails to install is reinstalled at a known-good version, never the one that failed
  Source of truth: decision-tables/library-fallbacks.xlsx. Versions are tried top to bottom; the
  version that just failed is skipped.

  Scenario Outline: The fallback versions skip the version that failed
    Given a Databricks library "<library>" in staging failed to install with message "Library installation failed for library due to user error. Error message: ERROR: Could not find a version that satisfies the requirement"
    When Rebound decides what to do
    Then the error type is "DatabricksLibraryInstallationError"
    And the playbook is "reinstall_library" with 2 retries
    And the backoff is "30, 60" seconds
    And recovery is verified by the health check "library_installed"
    And the library versions to try are "<versions>"

    Examples:
      | library              | versions                   |
      | pandas==2.1.4        | 2.1.0, 2.0.3, 1.5.3        |
      | pandas==2.0.3        | 2.1.4, 2.1.0, 1.5.3        |
      | numpy==1.26.3        | 1.24.3, 1.23.5, 1.22.4     |
      | pyspark==3.5.0       | 3.4.1, 3.4.0, 3.3.2        |
      | scikit-learn==1.4.0  | 1.3.2, 1.3.0, 1.2.2        |
      | pyarrow==14.0.2      | 14.0.1, 13.0.0, 12.0.1     |

  Scenario: Reinstalling a library in production waits for a person to approve
    Given a Databricks library "numpy==1.26.3" in production failed to install with message "Library installation failed for library due to user error"
    When Rebound decides what to do
    Then the error type is "DatabricksLibraryInstallationError"
    And the playbook is "reinstall_library" with 2 retries
    And approval is required
