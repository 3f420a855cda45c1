import type { CSSProperties } from 'react';
import type { Line, MinutesDocument } from '../server/export/model';

/**
 * The minutes, or the resolution drawn from them, as the formal document, in
 * HTML, from the same model as the DOCX and the PDF: the print stylesheet
 * (app/globals.css, @page) gives it the same A4 page, margins and type when
 * the browser prints it.
 */

function lineStyle(line: Line): CSSProperties {
  return {
    fontSize: `${line.size}pt`,
    textAlign: line.align,
    ...(line.indent ? { paddingLeft: `${line.indent}pt` } : {}),
    ...(line.firstIndent ? { textIndent: `${line.firstIndent}pt` } : {}),
    ...(line.spaceBefore ? { marginTop: `${line.spaceBefore}pt` } : {}),
  };
}

function PrintLine({ line, className }: { line: Line; className?: string }) {
  return (
    <p
      className={['print-line', line.keepWithNext ? 'print-keep' : '', className ?? ''].join(' ').trim()}
      style={lineStyle(line)}
    >
      {line.runs.map((run, i) => {
        const style: CSSProperties = {
          fontWeight: run.bold ? 700 : 400,
          fontStyle: run.italic ? 'italic' : 'normal',
          textDecoration: run.underline ? 'underline' : 'none',
        };
        return (
          <span key={i} style={style}>
            {run.text}
          </span>
        );
      })}
    </p>
  );
}

export function MinutesPrint({ model }: { model: MinutesDocument }) {
  return (
    <article
      className="print-document"
      lang={model.language}
      data-testid="print-document"
      data-status={model.status}
      data-document={model.document}
      data-hash={model.seal?.hash}
    >
      {model.classificationMark && <p className="print-classification">{model.classificationMark}</p>}
      {model.draftMark && <p className="print-draft">{model.draftMark}</p>}
      {model.header && (
        <div className="print-header">
          <div className="print-header__left">
            {model.header.left.map((line, i) => (
              <PrintLine key={i} line={line} />
            ))}
          </div>
          <div className="print-header__right">
            {model.header.right.map((line, i) => (
              <PrintLine key={i} line={line} />
            ))}
          </div>
        </div>
      )}
      {model.title.map((line, i) => (
        <PrintLine key={`t${i}`} line={line} />
      ))}
      {model.body.map((line, i) => (
        <PrintLine key={`b${i}`} line={line} />
      ))}
      {model.signatures.length > 0 && (
        <div className="print-signatures">
          {model.signatures.map((signature, i) => (
            <div
              key={i}
              className={signature.unsigned ? 'print-signature print-signature--unsigned' : 'print-signature'}
            >
              <div>
                {signature.titles.map((line, j) => (
                  <PrintLine key={j} line={line} />
                ))}
              </div>
              {!signature.unsigned && <p className="print-signature__name">{signature.name}</p>}
            </div>
          ))}
        </div>
      )}
      {model.verificationLine && <PrintLine line={model.verificationLine} className="print-verification" />}
    </article>
  );
}
