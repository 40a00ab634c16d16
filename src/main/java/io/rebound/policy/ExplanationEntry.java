package io.rebound.policy;

/**
 * One fired rule and where it lives, so an engineer can open the exact row.
 *
 * @param rule the rule name
 * @param file the workbook or rule file, relative to the policy folder
 * @param sheet the worksheet, null for a .drl rule
 * @param row the 1-based spreadsheet row as Excel shows it, null for a .drl rule
 */
public record ExplanationEntry(String rule, String file, String sheet, Integer row) {}
