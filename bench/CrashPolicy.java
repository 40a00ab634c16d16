import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;

/**
 * Changes cells of one row of a COPY of a policy workbook, for bench/crash.sh: shorter backoffs
 * keep a crash run within minutes. Never point it at the shipped decision-tables/.
 *
 * <p>java -cp 'lib/*' CrashPolicy.java copy.xlsx Sheet "row key in column A" C=2 "D=2, 3" G=
 */
public class CrashPolicy {
  public static void main(String[] args) throws Exception {
    File file = new File(args[0]);
    Workbook workbook;
    try (var in = new java.io.FileInputStream(file)) {
      workbook = WorkbookFactory.create(in);
    }
    Sheet sheet = workbook.getSheet(args[1]);
    Row found = null;
    for (Row row : sheet) {
      Cell key = row.getCell(0);
      if (key != null && key.getCellType() == CellType.STRING && args[2].equals(key.getStringCellValue())) {
        found = row;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("No row '" + args[2] + "' in " + args[0] + " / " + args[1]);
    }
    for (int i = 3; i < args.length; i++) {
      String column = args[i].substring(0, args[i].indexOf('='));
      String value = args[i].substring(args[i].indexOf('=') + 1);
      int index = CellReference.convertColStringToIndex(column);
      Cell cell = found.getCell(index);
      if (cell == null) {
        cell = found.createCell(index);
      }
      if (value.isEmpty()) {
        cell.setBlank();
      } else if (value.matches("\\d+")) {
        cell.setCellValue(Integer.parseInt(value));
      } else {
        cell.setCellValue(value);
      }
    }
    try (OutputStream out = new FileOutputStream(file)) {
      workbook.write(out);
    }
    workbook.close();
  }
}
