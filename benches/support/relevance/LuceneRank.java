// Lucene 9 with its stock DutchAnalyzer (Snowball Dutch, stop set, stem overrides) as a Dutch user
// would set it up: one body field, the classic query parser with its default OR, BM25.
//   java -cp "$LUCENE9_JAR:." LuceneRank index CORPUS IDX
//   java -cp "$LUCENE9_JAR:." LuceneRank rank IDX QUERIES.tsv DEPTH   -> qid <TAB> rank <TAB> doc id
// The doc id is the file name without .txt (a BWB id for the laws, the memo's file name).
import java.nio.file.*; import java.util.*; import java.util.stream.*;
import org.apache.lucene.analysis.nl.DutchAnalyzer; import org.apache.lucene.document.*; import org.apache.lucene.index.*;
import org.apache.lucene.search.*; import org.apache.lucene.store.FSDirectory; import org.apache.lucene.queryparser.classic.QueryParser;
public class LuceneRank {
  public static void main(String[] a) throws Exception {
    DutchAnalyzer an = new DutchAnalyzer();
    if (a[0].equals("index")) {
      IndexWriterConfig cfg = new IndexWriterConfig(an).setRAMBufferSizeMB(256).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      List<Path> ps; try (Stream<Path> s = Files.list(Paths.get(a[1]))) { ps = s.filter(p -> p.toString().endsWith(".txt")).sorted().collect(Collectors.toList()); }
      try (IndexWriter w = new IndexWriter(FSDirectory.open(Paths.get(a[2])), cfg)) {
        for (Path p : ps) {
          String name = p.getFileName().toString(); name = name.substring(0, name.length() - 4);
          Document d = new Document(); d.add(new StringField("id", name, Field.Store.YES));
          d.add(new TextField("body", Files.readString(p), Field.Store.NO)); w.addDocument(d);
        }
        w.commit();
      }
    } else {
      IndexSearcher s = new IndexSearcher(DirectoryReader.open(FSDirectory.open(Paths.get(a[1]))));
      int depth = Integer.parseInt(a[3]);
      for (String line : Files.readAllLines(Paths.get(a[2]))) {
        if (line.startsWith("#") || !line.contains("\t")) continue;
        String[] f = line.split("\t");
        QueryParser qp = new QueryParser("body", an);
        TopDocs top = s.search(qp.parse(QueryParser.escape(f[2])), depth);
        int rank = 1;
        for (ScoreDoc sd : top.scoreDocs) System.out.println(f[0] + "\t" + rank++ + "\t" + s.storedFields().document(sd.doc).get("id"));
      }
    }
  }
}
