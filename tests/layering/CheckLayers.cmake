# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DSOURCE_DIR=<tree> [-DLINK_VIOLATIONS=<text>] -P CheckLayers.cmake
#
# Fails when a lower layer includes a higher one, printing every offending file:line:
#   engine/         must not include models/, views/, app/ nor any Qt GUI module (Widgets, Gui, ...);
#   engine/client/  (the client library) nothing of the engine outside engine/client/ either;
#   models/         must not include views/, app/, Qt Widgets, nor the engine outside engine/client/;
#   views/          must not include app/ nor the engine outside engine/client/ (labels, types and
#                   defaults come from the engine's config.schema answer);
#   app/umgate/, app/umgatectl/  nothing of the engine outside engine/client/: the clients do not
#                   link the engine (only app/umgated does).
# The compiler would not catch this on its own as long as the include paths happen to resolve, and
# the daemon must stay installable on a server without a display stack.
# LINK_VIOLATIONS carries the result of the link-graph check done at configure time.
cmake_minimum_required(VERSION 3.25)

if(NOT SOURCE_DIR OR NOT IS_DIRECTORY "${SOURCE_DIR}/engine")
  # A wrong path must not read as "no violations".
  message(FATAL_ERROR "layering: SOURCE_DIR='${SOURCE_DIR}' has no engine/ directory")
endif()

# Class headers of QtGui and QtWidgets, as written in an #include (<QWidget>); their lower-case
# file names (<qwidget.h>) are added below.
set(GUI_CLASS_HEADERS
    QGuiApplication QPixmap QPixmapCache QBitmap QImage QImageReader QImageWriter QIcon QIconEngine
    QColor QColorSpace QRgb QRgba64 QPainter QPainterPath QPaintDevice QPaintEngine QPaintEvent
    QPicture QPen QBrush QGradient QLinearGradient QRadialGradient QPalette QFont QFontInfo
    QFontMetrics QFontMetricsF QFontDatabase QRawFont QGlyphRun QStaticText QCursor QClipboard
    QDrag QDesktopServices QScreen QWindow QRasterWindow QPaintDeviceWindow QOffscreenSurface
    QSurfaceFormat QOpenGLContext QMovie QPolygon QPolygonF QRegion QTransform QMatrix4x4
    QVector2D QVector3D QVector4D QQuaternion QKeySequence QKeyEvent QMouseEvent QWheelEvent
    QTouchEvent QHoverEvent QFocusEvent QResizeEvent QCloseEvent QShowEvent QHideEvent QMoveEvent
    QContextMenuEvent QDragEnterEvent QDragMoveEvent QDragLeaveEvent QDropEvent QEnterEvent
    QInputEvent QInputMethod QInputMethodEvent QPointingDevice QInputDevice QEventPoint
    QStyleHints QAction QActionGroup QShortcut QValidator QIntValidator QDoubleValidator
    QRegularExpressionValidator QStandardItem QStandardItemModel QFileSystemModel QUndoStack
    QUndoCommand QUndoGroup QTextDocument QTextDocumentFragment QTextDocumentWriter QTextCursor
    QTextBlock QTextFormat QTextCharFormat QTextBlockFormat QTextOption QTextLayout QTextList
    QTextTable QTextFrame QTextObject QSyntaxHighlighter QAbstractTextDocumentLayout QPageSize
    QPageLayout QPdfWriter QPagedPaintDevice QAccessible QSessionManager)
set(WIDGETS_CLASS_HEADERS
    QApplication QWidget QMainWindow QDialog QDialogButtonBox QMessageBox QFileDialog QInputDialog
    QErrorMessage QProgressDialog QColorDialog QFontDialog QWizard QWizardPage QLabel QPushButton
    QToolButton QCommandLinkButton QAbstractButton QButtonGroup QCheckBox QRadioButton QLineEdit
    QTextEdit QPlainTextEdit QTextBrowser QComboBox QFontComboBox QSpinBox QDoubleSpinBox
    QAbstractSpinBox QDateTimeEdit QDateEdit QTimeEdit QKeySequenceEdit QSlider QAbstractSlider
    QScrollBar QDial QProgressBar QLCDNumber QFrame QGroupBox QTabWidget QTabBar QStackedWidget
    QStackedLayout QToolBox QSplitter QScrollArea QAbstractScrollArea QLayout QLayoutItem QBoxLayout
    QVBoxLayout QHBoxLayout QGridLayout QFormLayout QSpacerItem QSizePolicy QMenu QMenuBar QToolBar
    QStatusBar QDockWidget QMdiArea QMdiSubWindow QSystemTrayIcon QAbstractItemView QTableView
    QTreeView QListView QColumnView QHeaderView QTableWidget QTreeWidget QTreeWidgetItem
    QListWidget QListWidgetItem QAbstractItemDelegate QStyledItemDelegate QItemDelegate QDataWidgetMapper
    QCompleter QStyle QStyleOption QStylePainter QStyleFactory QCommonStyle QProxyStyle QToolTip
    QWhatsThis QSizeGrip QRubberBand QSplashScreen QCalendarWidget QGraphicsView QGraphicsScene
    QGraphicsItem QGraphicsWidget QWidgetAction QFocusFrame QUndoView QFileIconProvider)

set(ENGINE_FORBIDDEN_HEADERS ${GUI_CLASS_HEADERS} ${WIDGETS_CLASS_HEADERS})
set(MODELS_FORBIDDEN_HEADERS ${WIDGETS_CLASS_HEADERS})
foreach(layer ENGINE MODELS)
  foreach(h IN LISTS ${layer}_FORBIDDEN_HEADERS)
    string(TOLOWER "${h}.h" lower)
    list(APPEND ${layer}_FORBIDDEN_HEADERS "${lower}")
  endforeach()
endforeach()
# Whole modules, as <QtGui>, <QtGui/QColor>, <QtWidgets/qwidget.h>. Every one of these needs QtGui.
set(ENGINE_FORBIDDEN_MODULES "QtGui|QtWidgets|QtPrintSupport|QtOpenGL[A-Za-z]*|QtSvg[A-Za-z]*|QtQuick[A-Za-z]*|QtQml|QtUiTools")
set(MODELS_FORBIDDEN_MODULES "QtWidgets|QtPrintSupport|QtOpenGLWidgets|QtSvgWidgets|QtUiTools")
set(ENGINE_FORBIDDEN_DIRS "models|views|app")
set(CLIENT_FORBIDDEN_HEADERS ${ENGINE_FORBIDDEN_HEADERS})
set(CLIENT_FORBIDDEN_MODULES "${ENGINE_FORBIDDEN_MODULES}")
set(CLIENT_FORBIDDEN_DIRS "${ENGINE_FORBIDDEN_DIRS}")
set(MODELS_FORBIDDEN_DIRS "views|app")
set(VIEWS_FORBIDDEN_DIRS "app")
set(CLIENTAPP_FORBIDDEN_DIRS "")
# Layers that may use the engine only through its client library.
set(CLIENT_ONLY_LAYERS CLIENT MODELS VIEWS CLIENTAPP)

set(INCLUDE_RE "#[ \t]*include[ \t]*[<\"][^>\"\n]*[>\"]")

# why_forbidden(<layer> <include path> <out var>) -> reason text, or empty when allowed.
function(why_forbidden layer path out)
  set(reason "")
  get_filename_component(base "${path}" NAME)
  if(${layer}_FORBIDDEN_DIRS AND path MATCHES "^(\\./|\\.\\./)*(${${layer}_FORBIDDEN_DIRS})/")
    set(reason "a higher layer (${CMAKE_MATCH_2}/)")
  elseif(layer IN_LIST CLIENT_ONLY_LAYERS AND path MATCHES "^(\\./|\\.\\./)*engine/"
         AND NOT path MATCHES "^(\\./|\\.\\./)*engine/client/")
    set(reason "the engine outside its client library (engine/client/)")
  elseif(${layer}_FORBIDDEN_MODULES AND path MATCHES "^(${${layer}_FORBIDDEN_MODULES})(/|$)")
    set(reason "the Qt GUI module ${CMAKE_MATCH_1}")
  elseif(base IN_LIST ${layer}_FORBIDDEN_HEADERS)
    set(reason "a Qt GUI class header")
  elseif(base MATCHES "^ui_.*\\.h$")
    set(reason "a generated Qt Designer form")
  endif()
  set(${out} "${reason}" PARENT_SCOPE)
endfunction()

set(violations 0)
set(checked 0)
foreach(rule engine:ENGINE engine/client:CLIENT models:MODELS views:VIEWS app/umgate:CLIENTAPP
             app/umgatectl:CLIENTAPP)
  string(REPLACE ":" ";" rule "${rule}")
  list(GET rule 0 layer_dir)
  list(GET rule 1 layer)
  set(globs)
  foreach(ext h hh hpp hxx cpp cc cxx ipp inl tpp)
    list(APPEND globs "${SOURCE_DIR}/${layer_dir}/*.${ext}")
  endforeach()
  file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE "${SOURCE_DIR}" ${globs})
  list(SORT files)
  foreach(rel IN LISTS files)
    math(EXPR checked "${checked} + 1")
    file(READ "${SOURCE_DIR}/${rel}" content)
    # Fast path: most files are clean, so only files with a suspicious include are read line by line.
    string(REGEX MATCHALL "${INCLUDE_RE}" directives "${content}")
    set(suspicious FALSE)
    foreach(d IN LISTS directives)
      string(REGEX REPLACE "^#[ \t]*include[ \t]*[<\"]([^>\"]*)[>\"]$" "\\1" path "${d}")
      why_forbidden(${layer} "${path}" reason)
      if(reason)
        set(suspicious TRUE)
        break()
      endif()
    endforeach()
    if(NOT suspicious)
      continue()
    endif()
    # Characters that CMake's list handling would interpret are masked so that one list element is
    # exactly one source line; include paths never contain them.
    string(REPLACE "\\" "<BSL>" content "${content}")
    string(REPLACE ";" "<SEMI>" content "${content}")
    string(REPLACE "[" "<LBR>" content "${content}")
    string(REPLACE "]" "<RBR>" content "${content}")
    string(REPLACE "\n" ";" lines "${content}")
    set(lineno 0)
    foreach(line IN LISTS lines)
      math(EXPR lineno "${lineno} + 1")
      # Only directives at the start of a line: "// #include <QWidget>" is a comment.
      if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]*)[>\"]")
        set(path "${CMAKE_MATCH_1}")
        why_forbidden(${layer} "${path}" reason)
        if(reason)
          message("${rel}:${lineno}: ${layer_dir}/ must not include ${reason}: ${path}")
          math(EXPR violations "${violations} + 1")
        endif()
      endif()
    endforeach()
  endforeach()
endforeach()

if(LINK_VIOLATIONS)
  message("${LINK_VIOLATIONS}")
  math(EXPR violations "${violations} + 1")
endif()

if(checked EQUAL 0)
  message(FATAL_ERROR "layering: no source files found under ${SOURCE_DIR}/engine or models")
endif()
if(violations GREATER 0)
  message(FATAL_ERROR "layering: ${violations} violation(s) in ${checked} files")
endif()
message("layering: ${checked} files checked, no violations")
