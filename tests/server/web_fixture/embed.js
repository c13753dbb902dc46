console.log("embed");
